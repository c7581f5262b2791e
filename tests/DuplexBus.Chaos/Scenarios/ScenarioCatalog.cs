using DuplexBus.Chaos.Environment;

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
        new RabbitMqNodeKilled(),
    ];

    /// <summary>
    /// What a run does: the scenarios <c>--only</c> names (full-run-only ones included), else every scenario, less the
    /// full-run-only ones in a <c>--quick</c> run.
    /// </summary>
    public static IReadOnlyList<Scenario> For(RunOptions options) =>
        [.. All().Where(s => options.Only.Count > 0 ? options.Only.Contains(s.Name) : !(options.Quick && s.FullRunOnly))];
}
