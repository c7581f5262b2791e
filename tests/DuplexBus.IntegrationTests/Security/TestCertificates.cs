using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>
/// Certificates made for one test run: a CA, a server certificate for 127.0.0.1 and localhost signed by it, a client
/// certificate signed by it, a self-signed client certificate accepted by thumbprint, and a stranger's.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public const string ServerPfxPassword = "duplexbus-test";

    private TestCertificates(string folder)
    {
        Folder = folder;
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        Ca = CreateCa("CN=DuplexBus Test CA", now);
        Server = Issue(Ca, "CN=127.0.0.1", now, server: true);
        ClientByIssuer = Issue(Ca, "CN=client-by-issuer", now, server: false);
        ClientByThumbprint = SelfSigned("CN=client-by-thumbprint", now);
        Stranger = SelfSigned("CN=stranger", now);

        File.WriteAllBytes(ServerPfxPath, Server.Export(X509ContentType.Pfx, ServerPfxPassword));
        File.WriteAllBytes(CaDerPath, Ca.Export(X509ContentType.Cert));
        File.WriteAllText(CaPemPath, Ca.ExportCertificatePem());
    }

    public string Folder { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 ClientByIssuer { get; }

    public X509Certificate2 ClientByThumbprint { get; }

    public X509Certificate2 Stranger { get; }

    public string ServerPfxPath => Path.Combine(Folder, "server.pfx");

    public string CaDerPath => Path.Combine(Folder, "ca.cer");

    public string CaPemPath => Path.Combine(Folder, "ca.pem");

    public static TestCertificates Create() => new(Directory.CreateTempSubdirectory("duplexbus-certs-").FullName);

    /// <summary>Whether <paramref name="presented"/> is this run's server certificate (the clients' whole trust decision).</summary>
    public bool IsServer(X509Certificate? presented) =>
        presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == Server.GetCertHashString(HashAlgorithmName.SHA256);

    public void Dispose()
    {
        foreach (var certificate in new[] { Ca, Server, ClientByIssuer, ClientByThumbprint, Stranger })
            certificate.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now, now.AddDays(2));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, DateTimeOffset now, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F; // a positive serial number
        using var issued = request.Create(ca, now, now.AddDays(1), serial);
        return ReloadWithKey(issued.CopyWithPrivateKey(key));
    }

    private static X509Certificate2 SelfSigned(string subject, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var created = request.CreateSelfSigned(now, now.AddDays(1));
        return ReloadWithKey(created);
    }

    /// <summary>A PFX round trip gives the certificate a private key TLS can use.</summary>
    private static X509Certificate2 ReloadWithKey(X509Certificate2 certificate)
    {
        using (certificate)
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
