namespace DuplexBus.Chaos.Scenarios;

/// <summary>Every scenario, in the order they run.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All() =>
    [
        new PostgresStopped(),
        new PostgresRestarted(),
        new PostgresUnreachable(),
        new RabbitMqStopped(),
        new HostStartedWithoutBroker(),
        new HostKilled(),
        new LossyNetwork(),
        new CallbackReceiversMisbehave(),
        new TwoHostsOneKilled(),
        new SkewedClock(),
        new PoisonMessages(),
        new WalDiskFull(),
        new TablespaceDiskFull(),
        new BrokerAlarmed(),
    ];
}
