using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DuplexBus.Edge.Security;
using Microsoft.Extensions.Options;

namespace DuplexBus.Tests.Edge.Security;

public sealed class SecretsAndCredentialsTests
{
    [Fact]
    public void Secret_hash_verifies_its_secret_only()
    {
        var hash = SecretHash.Create("correct horse", 10_000);

        Assert.StartsWith("PBKDF2-SHA256$10000$", hash, StringComparison.Ordinal);
        Assert.True(SecretHash.Verify("correct horse", hash));
        Assert.False(SecretHash.Verify("correct horse ", hash));
        Assert.NotEqual(hash, SecretHash.Create("correct horse", 10_000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("correct horse")]
    [InlineData("PBKDF2-SHA256$10000$AAAAAAAAAAA=")]
    [InlineData("PBKDF2-SHA256$99$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("PBKDF2-SHA1$10000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("PBKDF2-SHA256$10000$not base64$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void Malformed_hash_verifies_nothing_and_fails_validation(string stored)
    {
        Assert.False(SecretHash.Verify("correct horse", stored));
        var options = new CredentialOptions { Users = { ["alice"] = stored } };
        Assert.True(new CredentialOptionsRules().Validate(null, options).Failed);
    }

    public static TheoryData<string?, string?> Authorizations => new()
    {
        { "Basic " + B64("alice:pw"), "alice|pw" },
        { "basic " + B64("alice:p:w"), "alice|p:w" },
        { "Basic " + B64("alice:"), "alice|" },
        { "Basic " + B64(":pw"), null },
        { "Basic " + B64("alice"), null },
        { "Basic not-base64!", null },
        { "Bearer abc", null },
        { null, null },
        { "Basic " + Convert.ToBase64String([0x61, 0x3a, 0xff, 0xfe]), null },
        { "Basic " + B64(new string('a', 300) + ":pw"), null },
    };

    [Theory, MemberData(nameof(Authorizations))]
    public void Basic_header_parses_as(string? header, string? expected)
    {
        var parsed = BasicCredentials.Parse(header);
        Assert.Equal(expected, parsed is null ? null : $"{parsed.UserName}|{parsed.Password}");
    }

    [Fact]
    public void Nonce_is_used_once_until_its_window_passes()
    {
        var cache = new NonceCache(capacity: 10, lifetime: TimeSpan.FromMinutes(15));
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(NonceUse.First, cache.TryUse("alice", [1, 2, 3], now));
        Assert.Equal(NonceUse.Replayed, cache.TryUse("alice", [1, 2, 3], now.AddMinutes(14)));
        Assert.Equal(NonceUse.First, cache.TryUse("bob", [1, 2, 3], now));
        Assert.Equal(NonceUse.First, cache.TryUse("alice", [1, 2, 3], now.AddMinutes(15)));
    }

    [Fact]
    public void Full_nonce_cache_refuses_new_nonces_instead_of_forgetting_live_ones()
    {
        var cache = new NonceCache(capacity: 2, lifetime: TimeSpan.FromMinutes(15));
        var now = DateTimeOffset.UnixEpoch;
        cache.TryUse("alice", [1], now);
        cache.TryUse("alice", [2], now.AddMinutes(1));

        Assert.Equal(NonceUse.Full, cache.TryUse("alice", [3], now.AddMinutes(2)));
        Assert.Equal(NonceUse.Replayed, cache.TryUse("alice", [1], now.AddMinutes(2)));
        Assert.Equal(NonceUse.First, cache.TryUse("alice", [3], now.AddMinutes(15)));
        Assert.Equal(2, cache.Count);
    }

    [Theory]
    [InlineData("http://schemas.xmlsoap.org/soap/envelope/")]
    [InlineData("http://www.w3.org/2003/05/soap-envelope")]
    public void Response_gets_a_Security_timestamp_as_its_first_header(string soapNs)
    {
        var version = DuplexBus.Protocol.Soap.SoapVersion.FromNamespace(soapNs)!;
        var reply = Encoding.UTF8.GetBytes($"<s:Envelope xmlns:s=\"{soapNs}\"><s:Header><x xmlns=\"urn:x\"/></s:Header><s:Body><r xmlns=\"urn:r\">1</r></s:Body></s:Envelope>");

        var stamped = System.Xml.Linq.XElement.Parse(Encoding.UTF8.GetString(
            ResponseSecurityHeader.Stamp(reply, version, DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(5))));

        var security = stamped.Elements().First().Elements().First();
        Assert.Equal(WsSecurityNames.SecurityHeader, security.Name);
        Assert.Equal("1", (string?)security.Attribute(version.Namespace + "mustUnderstand"));
        Assert.Equal("2026-06-01T12:00:00.000Z", security.Element(WsSecurityNames.Timestamp)!.Element(WsSecurityNames.Created)!.Value);
        Assert.Equal("2026-06-01T12:05:00.000Z", security.Element(WsSecurityNames.Timestamp)!.Element(WsSecurityNames.Expires)!.Value);
        Assert.Equal("1", stamped.Elements().Last().Value);
    }

    [Fact]
    public async Task Configuration_validator_checks_passwords_digests_and_certificates()
    {
        using var ca = SelfSigned("CN=ca", ca: true);
        using var issued = Issued(ca, "CN=by-issuer");
        using var listed = SelfSigned("CN=listed", ca: false);
        using var stranger = SelfSigned("CN=stranger", ca: false);
        var caFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());
        try
        {
            var options = new CredentialOptions
            {
                Users = { ["alice"] = SecretHash.Create("pw", 10_000) },
                DigestSecrets = { ["dora"] = "dpw" },
                ClientCertificates = { Thumbprints = { listed.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant() }, TrustedIssuerFiles = { caFile } },
            };
            var validator = new ConfigurationCredentialValidator(new StaticMonitor(options), TimeProvider.System);
            var nonce = RandomNumberGenerator.GetBytes(16);
            var digest = new UsernameToken("dora", PasswordDigest.Compute(nonce, "2026-06-01T12:00:00Z", "dpw"), true, [.. nonce], "2026-06-01T12:00:00Z", null);

            Assert.Equal("alice", (await validator.ValidatePasswordAsync("alice", "pw", "Basic", default))?.Identity?.Name);
            Assert.Equal("alice", (await validator.ValidatePasswordAsync("alice", "pw", "Basic", default))?.Identity?.Name); // remembered
            Assert.Null(await validator.ValidatePasswordAsync("alice", "PW", "Basic", default));
            Assert.Null(await validator.ValidatePasswordAsync("mallory", "pw", "Basic", default));
            Assert.Null(await validator.ValidatePasswordAsync("dora", "dpw", "Basic", default));
            Assert.Equal("dora", (await validator.ValidateDigestAsync(digest, default))?.Identity?.Name);
            Assert.Null(await validator.ValidateDigestAsync(digest with { UserName = "alice" }, default));
            Assert.Equal("CN=by-issuer", (await validator.ValidateCertificateAsync(issued, default))?.Identity?.Name);
            Assert.Equal("CN=listed", (await validator.ValidateCertificateAsync(listed, default))?.Identity?.Name);
            Assert.Null(await validator.ValidateCertificateAsync(stranger, default));
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public void Security_options_default_valid_and_refuse_a_zero_message_age()
    {
        Assert.True(new DuplexBus.Configuration.SoapSecurityOptionsValidator().Validate(null, new SoapSecurityOptions()).Succeeded);
        Assert.True(new DuplexBus.Configuration.SoapSecurityOptionsValidator().Validate(null, new SoapSecurityOptions { MaxMessageAge = TimeSpan.Zero }).Failed);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static X509Certificate2 SelfSigned(string subject, bool ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (ca)
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issued(X509Certificate2 ca, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
    }

    private sealed class StaticMonitor(CredentialOptions value) : IOptionsMonitor<CredentialOptions>
    {
        public CredentialOptions CurrentValue => value;

        public CredentialOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CredentialOptions, string?> listener) => null;
    }
}
