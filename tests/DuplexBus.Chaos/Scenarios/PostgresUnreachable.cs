using DuplexBus.Chaos.Environment;
using DuplexBus.Testing.Proxy;
using Npgsql;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 1c: PostgreSQL unreachable without a reset: the hosts reach it through a TCP proxy that stops forwarding, so
/// open connections and new ones hang instead of failing. Then the path comes back.
/// </summary>
internal sealed class PostgresUnreachable : Scenario
{
    private TcpProxy? proxy;

    public override string Name => "postgres-unreachable";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 8, 30);

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        proxy = TcpProxy.Start(stage.Postgres.Port);
        stage.Teardown.Add("postgres tcp proxy", proxy);
        stage.HostConnectionString = new NpgsqlConnectionStringBuilder(stage.ConnectionString) { Port = proxy.Port }.ConnectionString;
        await base.ArrangeAsync(stage, ct).ConfigureAwait(false);
    }

    public override Task InjectAsync(Stage stage, CancellationToken ct)
    {
        proxy!.Blackhole();
        stage.Note($"blackholed the path to PostgreSQL ({proxy.Open} connections open)");
        return Task.CompletedTask;
    }

    public override Task HealAsync(Stage stage, CancellationToken ct)
    {
        proxy?.Heal();
        return Task.CompletedTask;
    }
}
