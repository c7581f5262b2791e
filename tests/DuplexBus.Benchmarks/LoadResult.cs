using System.Globalization;

namespace DuplexBus.Benchmarks;

/// <summary>Throughput and latency of one measured load.</summary>
internal sealed record LoadResult(string Name, int Concurrency, long Operations, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Where the CPU time of the measured period went, when it was recorded.</summary>
    public string? CpuReport { get; init; }

    /// <summary>CPU seconds of the measured period by part (host, client, postgres, rabbitmq, other), when recorded.</summary>
    public IReadOnlyDictionary<string, double>? CpuSeconds { get; init; }

    /// <summary>Lines printed under the figure (already indented), e.g. what a load generator saw go wrong.</summary>
    public string? Notes { get; init; }

    /// <summary>CPU microseconds one part spent per operation, when the CPU time was recorded.</summary>
    public double? CpuMicrosecondsPerOperation(string part) =>
        CpuSeconds?.GetValueOrDefault(part) * 1_000_000 / Math.Max(1, Operations);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name,-44} clients={Concurrency,-3} ops={Operations,-7} {PerSecond,9:F0} ops/s   p50={Ms(P50Ms)} ms   p99={Ms(P99Ms)} ms")
        + (CpuReport is null ? "" : Environment.NewLine + CpuReport)
        + (Notes is null ? "" : Environment.NewLine + Notes);

    // NaN: a run without per-operation latencies (the operations were not started one by one).
    private static string Ms(double value) =>
        double.IsNaN(value) ? "    n/a" : value.ToString("F2", CultureInfo.InvariantCulture).PadLeft(7);
}
