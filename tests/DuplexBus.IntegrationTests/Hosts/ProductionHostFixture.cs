using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Hosts;

/// <summary>
/// The host in production mode (PostgreSQL + RabbitMQ) as a real child process, on a database and virtual host of
/// its own, so a test class can count exactly what was stored.
/// </summary>
public class ProductionHostFixture(ServersFixture servers) : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string RabbitMqUri { get; private set; } = "";

    public ServersFixture Servers => servers;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await servers.CreateDatabaseAsync("host");
        RabbitMqUri = await servers.CreateVirtualHostAsync("host");
        Host = await HostProcess.StartAsync(Options());
    }

    /// <summary>Production-mode options on this fixture's database and vhost (for a second host, or a command).</summary>
    public HostProcessOptions Options()
    {
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = ConnectionString;
        options.Environment["ConnectionStrings__RabbitMq"] = RabbitMqUri;
        Configure(options);
        return options;
    }

    /// <summary>Waits until nothing is in flight for this host, and stays so (see <see cref="Quiet"/>).</summary>
    public Task WaitQuietAsync(TimeSpan? timeout = null) =>
        Quiet.WaitAsync(ConnectionString, servers.RabbitMq, RabbitMqUri, timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>Settings a derived fixture's hosts have on top of production mode.</summary>
    protected virtual void Configure(HostProcessOptions options)
    {
    }

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
