using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Hosts;

/// <summary>The host in its embedded default (SQLite file + in-memory bus), as a real child process.</summary>
public sealed class EmbeddedHostFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("duplexbus-embedded-").FullName;

    public HostProcess Host { get; private set; } = null!;

    /// <summary>The host's SQLite file, for tests that check what was stored.</summary>
    public string DatabaseFile => Path.Combine(_dataDirectory, "duplexbus.db");

    public async Task InitializeAsync()
    {
        var options = new HostProcessOptions();
        options.Environment["DuplexBus__Embedded__DataDirectory"] = _dataDirectory;
        Host = await HostProcess.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
