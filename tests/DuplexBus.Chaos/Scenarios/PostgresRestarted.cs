using DuplexBus.Chaos.Environment;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>Fault 1b: PostgreSQL restarted under load, once cleanly and once after a crash (kill -9, crash recovery).</summary>
internal sealed class PostgresRestarted : Scenario
{
    public override string Name => "postgres-restarted";

    public override bool Exclusive => true;

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 2, 6);

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        await stage.Postgres.StopAsync().ConfigureAwait(false);
        await stage.Postgres.StartAsync().ConfigureAwait(false);
        stage.Note("restarted cleanly");
        await Task.Delay(stage.FaultFor, ct).ConfigureAwait(false);
        await stage.Postgres.KillAsync().ConfigureAwait(false);
        await stage.Postgres.StartAsync().ConfigureAwait(false);
        stage.Note("killed and restarted (crash recovery)");
    }

    public override Task HealAsync(Stage stage, CancellationToken ct) => stage.Postgres.StartAsync();
}
