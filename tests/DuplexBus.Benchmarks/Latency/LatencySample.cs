using System.Globalization;

namespace DuplexBus.Benchmarks.Latency;

/// <summary>StartWork → WorkCompleted received, at one offered rate: the percentiles, and how many callbacks never came.</summary>
internal sealed record LatencySample(double OfferedPerSecond, int Sent, int Missing, double P50Ms, double P99Ms)
{
    /// <summary>The instances this run started (for a look at the rows they left).</summary>
    public IReadOnlyList<Guid> Instances { get; init; } = [];

    public double Ratio => P99Ms / P50Ms;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"latency at {OfferedPerSecond:F0} StartWork/s: {Sent} sent, p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms (p99/p50 {Ratio:F2})")
        + (Missing == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {Missing} callbacks never arrived"));
}
