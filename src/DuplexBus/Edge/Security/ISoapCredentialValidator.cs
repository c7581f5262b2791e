using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;

namespace DuplexBus.Edge.Security;

/// <summary>
/// Checks the credentials callers present; register your own in DI to replace the one bound to configuration.
/// Each method returns the authenticated principal (its <c>Identity.Name</c> is the caller's identity everywhere
/// downstream), or null to refuse. Refusals are answered the same way whatever the reason.
/// </summary>
public interface ISoapCredentialValidator
{
    /// <summary>A user name with its clear password (HTTP Basic, UsernameToken PasswordText).</summary>
    ValueTask<ClaimsPrincipal?> ValidatePasswordAsync(string userName, string password, string authenticationType, CancellationToken cancellationToken);

    /// <summary>
    /// A UsernameToken PasswordDigest: check it with <see cref="PasswordDigest.Matches"/> against the user's clear
    /// secret. The token's freshness and nonce are already checked.
    /// </summary>
    ValueTask<ClaimsPrincipal?> ValidateDigestAsync(UsernameToken token, CancellationToken cancellationToken);

    /// <summary>A TLS client certificate the connection presented (Kestrel has not judged its chain).</summary>
    ValueTask<ClaimsPrincipal?> ValidateCertificateAsync(X509Certificate2 certificate, CancellationToken cancellationToken);
}
