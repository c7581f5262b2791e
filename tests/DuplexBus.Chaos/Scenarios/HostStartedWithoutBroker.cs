using DuplexBus.Chaos.Environment;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 2b: RabbitMQ goes down, the host is killed and started again on the same port while the broker is still
/// down (it cannot be ready, so only liveness is awaited), then the broker comes back.
/// </summary>
internal sealed class HostStartedWithoutBroker : Scenario
{
    public override string Name => "host-started-without-broker";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 10, 30);

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        await stage.RabbitMq.StopAsync().ConfigureAwait(false);
        var old = stage.Hosts[0];
        await old.KillAsync().ConfigureAwait(false);
        stage.Note("broker stopped, host killed; starting it again without the broker");
        await stage.StartHostAsync("a2", o => o.Port = old.Port, readyPath: "health/live").ConfigureAwait(false);
    }

    public override Task HealAsync(Stage stage, CancellationToken ct) => stage.RabbitMq.StartAsync();
}
