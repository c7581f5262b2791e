using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Faults;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 7c: RabbitMQ's memory alarm, then its disk alarm, block every publisher while traffic flows; both are
/// cleared at the heal. Nothing may be lost or answered falsely, and the relay must catch up after.
/// </summary>
internal sealed class BrokerAlarmed : Scenario
{
    public override string Name => "rabbitmq-alarms";

    public override bool Exclusive => true;

    /// <summary>The disk alarm's half; the memory alarm's half runs inside <see cref="InjectAsync"/>.</summary>
    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 4, 15);

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        stage.Teardown.Add("broker alarms", async () =>
        {
            await BrokerAlarms.ClearMemoryAsync(stage.RabbitMq).ConfigureAwait(false);
            await BrokerAlarms.ClearDiskAsync(stage.RabbitMq).ConfigureAwait(false);
        });
        await BrokerAlarms.RaiseMemoryAsync(stage.RabbitMq).ConfigureAwait(false);
        stage.Note("memory alarm raised");
        await Task.Delay(stage.FaultFor, ct).ConfigureAwait(false);
        await BrokerAlarms.ClearMemoryAsync(stage.RabbitMq).ConfigureAwait(false);
        await BrokerAlarms.RaiseDiskAsync(stage.RabbitMq).ConfigureAwait(false);
        stage.Note("memory alarm cleared, disk alarm raised");
    }

    public override async Task HealAsync(Stage stage, CancellationToken ct)
    {
        await BrokerAlarms.ClearMemoryAsync(stage.RabbitMq).ConfigureAwait(false);
        await BrokerAlarms.ClearDiskAsync(stage.RabbitMq).ConfigureAwait(false);
    }
}
