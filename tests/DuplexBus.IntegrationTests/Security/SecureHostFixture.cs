using System.Globalization;
using DuplexBus.Edge.Security;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>
/// One production-mode host serving HTTPS with a certificate from configuration, and the sample service at three
/// paths: <c>/services/work</c> with HTTP Basic, <c>/services/token</c> with a WS-Security UsernameToken and
/// <c>/services/cert</c> with a client certificate (the HTTPS port allows one; the path requires it).
/// </summary>
public sealed class SecureHostFixture(ServersFixture servers) : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "alice-secret-1";
    public const string OtherUser = "bob";
    public const string OtherPassword = "bob-secret-3";
    public const string DigestUser = "dora";
    public const string DigestPassword = "dora-secret-2";

    public HostProcess Host { get; private set; } = null!;

    public TestCertificates Certificates { get; } = TestCertificates.Create();

    public string ConnectionString { get; private set; } = "";

    /// <summary>https://127.0.0.1:&lt;port&gt;/</summary>
    public Uri HttpsAddress { get; private set; } = null!;

    public Uri Basic => new(HttpsAddress, "/services/work");

    public Uri Token => new(HttpsAddress, "/services/token");

    public Uri Cert => new(HttpsAddress, "/services/cert");

    /// <summary>A second endpoint with HTTP Basic, for sequences that belong to one endpoint only.</summary>
    public Uri OtherBasic => new(HttpsAddress, "/services/other");

    public async Task InitializeAsync()
    {
        ConnectionString = await servers.CreateDatabaseAsync("secure");
        var rabbitMq = await servers.CreateVirtualHostAsync("secure");
        var httpPort = FreePort.Next();
        var httpsPort = FreePort.Next();
        HttpsAddress = new Uri($"https://127.0.0.1:{httpsPort.ToString(CultureInfo.InvariantCulture)}/");

        var options = new HostProcessOptions { Port = httpPort };
        var env = options.Environment;
        env["ConnectionStrings__DuplexBus"] = ConnectionString;
        env["ConnectionStrings__RabbitMq"] = rabbitMq;
        env["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}";
        env["Kestrel__Endpoints__Https__Url"] = HttpsAddress.GetLeftPart(UriPartial.Authority);
        env["Kestrel__Endpoints__Https__Certificate__Path"] = Certificates.ServerPfxPath;
        env["Kestrel__Endpoints__Https__Certificate__Password"] = TestCertificates.ServerPfxPassword;
        env["Kestrel__Endpoints__Https__ClientCertificateMode"] = "AllowCertificate";
        env["Samples__Work__Security__Credentials"] = "Basic";
        env["Samples__Work__Security__Realm"] = "work";
        env["Samples__Work__Endpoints__0__Path"] = "/services/token";
        env["Samples__Work__Endpoints__0__Security__Credentials"] = "UsernameToken";
        env["Samples__Work__Endpoints__1__Path"] = "/services/cert";
        env["Samples__Work__Endpoints__1__Security__Credentials"] = "ClientCertificate";
        env["Samples__Work__Endpoints__2__Path"] = "/services/other";
        env["Samples__Work__Endpoints__2__Security__Credentials"] = "Basic";
        env[$"DuplexBus__Security__Users__{User}"] = SecretHash.Create(Password);
        env[$"DuplexBus__Security__Users__{OtherUser}"] = SecretHash.Create(OtherPassword);
        env[$"DuplexBus__Security__DigestSecrets__{DigestUser}"] = DigestPassword;
        env["DuplexBus__Security__ClientCertificates__TrustedIssuerFiles__0"] = Certificates.CaDerPath;
        env["DuplexBus__Security__ClientCertificates__Thumbprints__0"] = Certificates.ClientByThumbprint.Thumbprint;
        Host = await HostProcess.StartAsync(options);
    }

    /// <summary>What the edge writes: outbox rows and WS-RM sequences. Unchanged means a request stored nothing.</summary>
    public async Task<(long Outbox, long Sequences)> CountStoredAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM outbox_message), (SELECT count(*) FROM rm_sequence)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Certificates.Dispose();
    }
}
