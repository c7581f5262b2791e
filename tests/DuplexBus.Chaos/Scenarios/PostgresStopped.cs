using DuplexBus.Chaos.Environment;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>Fault 1a: PostgreSQL cleanly stopped for 15–30 s under load, then started again.</summary>
internal sealed class PostgresStopped : Scenario
{
    public override string Name => "postgres-stopped";

    public override bool Exclusive => true;

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 15, 30);

    public override Task InjectAsync(Stage stage, CancellationToken ct) => stage.Postgres.StopAsync();

    public override Task HealAsync(Stage stage, CancellationToken ct) => stage.Postgres.StartAsync();
}
