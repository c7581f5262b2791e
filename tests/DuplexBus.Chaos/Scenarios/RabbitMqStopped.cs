using DuplexBus.Chaos.Environment;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>Fault 2a: RabbitMQ stopped for 30 s (10 s with --quick) under load, then started again.</summary>
internal sealed class RabbitMqStopped : Scenario
{
    public override string Name => "rabbitmq-stopped";

    public override bool Exclusive => true;

    public override TimeSpan FaultDuration(Stage stage) => stage.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);

    public override Task InjectAsync(Stage stage, CancellationToken ct) => stage.RabbitMq.StopAsync();

    public override Task HealAsync(Stage stage, CancellationToken ct) => stage.RabbitMq.StartAsync();
}
