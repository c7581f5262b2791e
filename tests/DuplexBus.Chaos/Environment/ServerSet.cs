using DuplexBus.Testing;

namespace DuplexBus.Chaos.Environment;

/// <summary>The PostgreSQL and RabbitMQ the whole run shares (started once), and where each run writes its logs.</summary>
internal sealed class ServerSet : IAsyncDisposable
{
    private readonly ServersFixture fixture;

    private ServerSet(ServersFixture fixture, string logDirectory)
    {
        this.fixture = fixture;
        LogDirectory = logDirectory;
    }

    public ServersFixture Fixture => fixture;

    public PostgresServer Postgres => fixture.Postgres;

    public RabbitMqServer RabbitMq => fixture.RabbitMq;

    /// <summary>Host output and fault notes of every scenario, one folder each.</summary>
    public string LogDirectory { get; }

    public static async Task<ServerSet> StartAsync(string logDirectory)
    {
        var fixture = new ServersFixture(null);
        await fixture.InitializeAsync().ConfigureAwait(false);
        if (!fixture.Postgres.CanControl || !fixture.RabbitMq.CanControl)
        {
            await fixture.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"The fault suite stops and starts its servers; unset {ServersFixture.PostgresVariable} and {ServersFixture.RabbitMqVariable}.");
        }

        return new ServerSet(fixture, logDirectory);
    }

    public async ValueTask DisposeAsync() => await fixture.DisposeAsync().ConfigureAwait(false);
}
