using System.Globalization;

namespace DuplexBus.Benchmarks.SagaScale;

/// <summary>
/// How fast one backlog of AddItems over many instances was applied with <see cref="Partitions"/> partition queues on
/// <see cref="Hosts"/> hosts, from the first applied item to the last, and what the final check of every instance found.
/// </summary>
internal sealed record SagaScaleFigure(
    int Partitions, int Hosts, int Items, double AppliedPerSecond, TimeSpan FirstApplied, TimeSpan LastApplied, IReadOnlyList<string> Problems)
{
    /// <summary>Where the CPU of the drain went (the first host's as "host"), per applied item.</summary>
    public LoadResult? Cpu { get; init; }

    /// <summary>CPU seconds each host spent while the backlog drained, in the order they started.</summary>
    public IReadOnlyList<double> HostCpuSeconds { get; init; } = [];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"saga-scale: {Partitions} partitions on {Hosts} host{(Hosts == 1 ? "" : "s")}: {Items} items applied at {AppliedPerSecond:F0}/s (first applied {FirstApplied.TotalSeconds:F1} s after the host was ready, the last at {LastApplied.TotalSeconds:F1} s; host CPU {string.Join(" + ", HostCpuSeconds.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))} s)")
        + (Cpu?.CpuReport is { } report ? Environment.NewLine + report : "")
        + (Problems.Count == 0 ? Environment.NewLine + "  every instance complete and in order" : Environment.NewLine + "  FAILED: " + string.Join(Environment.NewLine + "  FAILED: ", Problems.Take(20)));
}
