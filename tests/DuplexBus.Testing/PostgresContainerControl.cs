using Npgsql;
using Testcontainers.PostgreSql;

namespace DuplexBus.Testing;

/// <summary>PostgreSQL in a Testcontainers container, bound to a fixed host port so restarts keep the address.</summary>
internal sealed class PostgresContainerControl : IServerControl
{
    private const string Image = "postgres:15-alpine";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgreSqlContainer container;

    private PostgresContainerControl(PostgreSqlContainer container, int port)
    {
        this.container = container;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(container.GetConnectionString())
    {
        Database = "postgres",
        IncludeErrorDetail = true,
    }.ConnectionString;

    public static async Task<PostgresContainerControl> StartNewAsync()
    {
        var port = FreePort.Next();
        var container = new PostgreSqlBuilder(Image)
            .WithUsername("duplexbus")
            .WithPassword("duplexbus")
            .WithPortBinding(port, PostgreSqlBuilder.PostgreSqlPort)
            .Build();
        var control = new PostgresContainerControl(container, port);
        try
        {
            await container.StartAsync().ConfigureAwait(false);
            await control.WaitUntilAnswersAsync().ConfigureAwait(false);
            return control;
        }
        catch
        {
            await control.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StartAsync()
    {
        await container.StartAsync().ConfigureAwait(false);
        await WaitUntilAnswersAsync().ConfigureAwait(false);
    }

    public Task StopAsync() => container.StopAsync();

    // Stopping the container is as close to a crash as the engine offers without extra privileges.
    public Task KillAsync() => container.StopAsync();

    public ValueTask DisposeAsync() => container.DisposeAsync();

    private async Task WaitUntilAnswersAsync() => await Eventually.Until(
        () => PostgresProbe.ProblemAsync(AdminConnectionString),
        problem => problem is null,
        ReadyTimeout,
        $"the PostgreSQL container answers on port {Port}").ConfigureAwait(false);
}
