using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Security;

/// <summary>
/// The validator the host ships: users with PBKDF2 hashes, digest users with clear secrets, and client certificates
/// by thumbprint or trusted issuer, all from <see cref="CredentialOptions"/>. A password that passed is remembered
/// (as its SHA-256, per user) so a client sending Basic on every request costs one PBKDF2 run, not one per message.
/// </summary>
internal sealed class ConfigurationCredentialValidator : ISoapCredentialValidator
{
    private readonly IOptionsMonitor<CredentialOptions> _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (string Hash, byte[] Password)> _verified = new(StringComparer.Ordinal);

    public ConfigurationCredentialValidator(IOptionsMonitor<CredentialOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
        options.OnChange(_ => _verified.Clear());
    }

    public ValueTask<ClaimsPrincipal?> ValidatePasswordAsync(string userName, string password, string authenticationType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (!_options.CurrentValue.Users.TryGetValue(userName, out var stored))
        {
            // As slow as a known user, so timing does not tell which names exist.
            SecretHash.Verify(password, DummyHash.Value);
            return ValueTask.FromResult<ClaimsPrincipal?>(null);
        }

        var passwordHash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(userName, out var known) && known.Hash == stored
            && CryptographicOperations.FixedTimeEquals(known.Password, passwordHash))
            return ValueTask.FromResult<ClaimsPrincipal?>(Principal(userName, authenticationType));
        if (!SecretHash.Verify(password, stored))
            return ValueTask.FromResult<ClaimsPrincipal?>(null);
        _verified[userName] = (stored, passwordHash);
        return ValueTask.FromResult<ClaimsPrincipal?>(Principal(userName, authenticationType));
    }

    public ValueTask<ClaimsPrincipal?> ValidateDigestAsync(UsernameToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var ok = _options.CurrentValue.DigestSecrets.TryGetValue(token.UserName, out var secret) && PasswordDigest.Matches(token, secret);
        return ValueTask.FromResult(ok ? Principal(token.UserName, SoapAuthenticationTypes.UsernameToken) : null);
    }

    public ValueTask<ClaimsPrincipal?> ValidateCertificateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var options = _options.CurrentValue.ClientCertificates;
        var now = _time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            return ValueTask.FromResult<ClaimsPrincipal?>(null);
        var ok = IsListed(certificate, options.Thumbprints) || ChainsToTrustedIssuer(certificate, options.TrustedIssuerFiles, now);
        return ValueTask.FromResult(ok ? CertificatePrincipal(certificate) : null);
    }

    /// <summary>Identity.Name is the certificate's subject distinguished name; its thumbprint is a claim.</summary>
    internal static ClaimsPrincipal CertificatePrincipal(X509Certificate2 certificate)
    {
        var identity = new ClaimsIdentity(SoapAuthenticationTypes.Certificate);
        identity.AddClaim(new Claim(ClaimTypes.Name, certificate.Subject));
        identity.AddClaim(new Claim(ClaimTypes.Thumbprint, certificate.Thumbprint));
        identity.AddClaim(new Claim(ClaimTypes.X500DistinguishedName, certificate.Subject));
        return new ClaimsPrincipal(identity);
    }

    internal static ClaimsPrincipal Principal(string userName, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType);
        identity.AddClaim(new Claim(ClaimTypes.Name, userName));
        return new ClaimsPrincipal(identity);
    }

    private static bool IsListed(X509Certificate2 certificate, List<string> thumbprints)
    {
        if (thumbprints.Count == 0)
            return false;
        var sha1 = certificate.Thumbprint;
        var sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        foreach (var listed in thumbprints)
        {
            var normalized = listed.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal);
            if (normalized.Equals(sha1, StringComparison.OrdinalIgnoreCase) || normalized.Equals(sha256, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static bool ChainsToTrustedIssuer(X509Certificate2 certificate, List<string> issuerFiles, DateTime now)
    {
        if (issuerFiles.Count == 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        var issuers = new List<X509Certificate2>();
        try
        {
            foreach (var file in issuerFiles)
            {
                var issuer = X509CertificateLoader.LoadCertificateFromFile(file);
                issuers.Add(issuer);
                chain.ChainPolicy.CustomTrustStore.Add(issuer);
            }
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var issuer in issuers)
                issuer.Dispose();
        }
    }

    private static class DummyHash
    {
        public static readonly string Value = SecretHash.Create("not a user's secret");
    }
}
