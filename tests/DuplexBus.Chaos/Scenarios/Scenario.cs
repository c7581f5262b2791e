using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Workload;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// One fault: how the stage is set up, what is broken while the workload runs, and how it is mended. The runner does
/// the rest the same way for every scenario: workload, waiting until quiet, staying quiet, and the checks.
/// </summary>
internal abstract class Scenario
{
    public abstract string Name { get; }

    /// <summary>
    /// True when the fault hits the servers every scenario shares (stopping PostgreSQL or RabbitMQ, a broker alarm):
    /// such a scenario runs alone. The others keep their faults to their own hosts, proxies, receivers and disks, and
    /// may run side by side.
    /// </summary>
    public virtual bool Exclusive => false;

    /// <summary>
    /// True when the scenario is left out of a <c>--quick</c> run of the whole catalog (the one <c>./test.sh</c> does),
    /// because setting it up alone would take much of that run's time. It runs in every full run, and whenever
    /// <c>--only</c> names it.
    /// </summary>
    public virtual bool FullRunOnly => false;

    /// <summary>
    /// Draws how long the fault stays on between <see cref="InjectAsync"/> and <see cref="HealAsync"/>; the runner
    /// calls it once and keeps the value in <see cref="Stage.FaultFor"/>.
    /// </summary>
    public abstract TimeSpan FaultDuration(Stage stage);

    /// <summary>The traffic; by default the standard shape spread over the warm-up and the fault.</summary>
    public virtual WorkloadShape Shape(Stage stage) =>
        WorkloadShape.For(stage.Quick, stage.Random).Spread(stage.FaultFor + TimeSpan.FromSeconds(4));

    /// <summary>Hosts, proxies and receivers; by default one host, clients straight to it, one healthy receiver.</summary>
    public virtual async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        var host = await stage.StartHostAsync("a").ConfigureAwait(false);
        stage.ServiceAddress = host.BaseAddress;
        await stage.StartReceiverAsync().ConfigureAwait(false);
    }

    public abstract Task InjectAsync(Stage stage, CancellationToken ct);

    public abstract Task HealAsync(Stage stage, CancellationToken ct);

    /// <summary>Checks of this scenario beyond the common ones, once quiet; each problem goes to <see cref="Stage.Findings"/>.</summary>
    public virtual Task CheckAsync(Stage stage, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A duration drawn from the stage's seeded random source, or the low end for --quick.</summary>
    protected static TimeSpan Between(Stage stage, double lowSeconds, double highSeconds) =>
        TimeSpan.FromSeconds(stage.Quick ? lowSeconds : lowSeconds + (stage.Random.NextDouble() * (highSeconds - lowSeconds)));
}
