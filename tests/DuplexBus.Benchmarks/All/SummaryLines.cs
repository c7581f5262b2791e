using System.Globalization;
using DuplexBus.Benchmarks.Callbacks;
using DuplexBus.Benchmarks.Drain;
using DuplexBus.Benchmarks.Edge;
using DuplexBus.Benchmarks.EndToEnd;
using DuplexBus.Benchmarks.Idle;
using DuplexBus.Benchmarks.Latency;
using DuplexBus.Benchmarks.Memory;
using DuplexBus.Benchmarks.SagaScale;

namespace DuplexBus.Benchmarks.All;

/// <summary>
/// The summary line of each row of <c>all</c>, in issue 13's format:
/// <c>NAME: value unit[, baseline value unit, ratio R][, cpu µs/msg host H postgres P rabbitmq Q, cpu-ratio C]</c>,
/// with what else the row found after a semicolon.
/// </summary>
internal static class SummaryLines
{
    public static RowResult Idle(IdleFigure idle) => new("idle", Invariant(
        $"{idle.HostPercent:F2} % of a core (JIT {idle.JitPercent:F2} %), postgres {idle.PostgresPercent:F2} %, rabbitmq {idle.RabbitMqPercent:F2} % ({idle.Duration.TotalSeconds:F0} s, {(idle.JitSettled ? "JIT settled" : "JIT not settled")})"));

    public static RowResult Edge(string name, EdgeFigure edge) => new(name, Invariant(
        $"{edge.Edge.PerSecond:F0} acked/s, baseline {edge.Baseline.PerSecond:F0} INSERT+COMMIT/s, ratio {edge.Ratio:F2}, {Cpu(edge.Edge)}, cpu-ratio {edge.CpuRatio:F2}"));

    public static RowResult Callbacks(CallbacksFigure callbacks) => new("callbacks", Invariant(
        $"{callbacks.Callbacks.PerSecond:F0} callbacks/s, baseline {callbacks.Baseline.PerSecond:F0} POST/s, ratio {callbacks.Ratio:F2}, {Cpu(callbacks.Callbacks)}, cpu-ratio {callbacks.CpuRatio:F2}"));

    public static RowResult EndToEnd(EndToEndFigure e2e) => new("e2e", Invariant(
        $"{e2e.AppliedPerSecond:F0} items applied/s, baseline {e2e.AckedPerSecond:F0} items acked/s, ratio {e2e.Ratio:F2}, {Cpu(e2e.Cpu)}; ")
        + (e2e.Drained is { } drained
            ? Invariant($"backlog drained {drained.TotalSeconds:F1} s after the load stopped")
            : Invariant($"backlog not drained when the wait ended ({e2e.Applied} of {e2e.Acked} applied)"))
        + Checked(e2e.Problems, Invariant($"{e2e.Sessions} instances in order"), e2e.Drained is null ? "" : ", counts match"),
        e2e.Problems.Count > 0);

    public static RowResult SagaScale(IReadOnlyList<SagaScaleFigure> runs)
    {
        var single = runs.Where(r => r.Hosts == 1).ToList();
        var most = single[^1];
        var text = Invariant($"{most.AppliedPerSecond:F0} items/s at {most.Partitions} partitions, ")
            + string.Join(", ", single.Take(single.Count - 1).Select(r => Invariant($"{r.Partitions}: {r.AppliedPerSecond:F0}")))
            + Invariant($", ratio {most.Partitions}/{single[0].Partitions} {most.AppliedPerSecond / single[0].AppliedPerSecond:F2}")
            + (most.Cpu is { } cpu ? ", " + Cpu(cpu) : "");
        foreach (var shared in runs.Where(r => r.Hosts > 1))
        {
            text += Invariant($"; {shared.Partitions} on {shared.Hosts} hosts: {shared.AppliedPerSecond:F0} (host CPU {string.Join(" + ", shared.HostCpuSeconds.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))} s: the partitions shared by lease, each applied by one host at a time)");
        }
        var problems = runs.SelectMany(r => r.Problems).ToList();
        return new RowResult("saga-scale", text + Checked(problems, Invariant($"{SagaScaleBenchmark.Instances} instances per run complete and in order"), ""), problems.Count > 0);
    }

    public static RowResult Drain(string name, IReadOnlyList<DrainFigure> runs)
    {
        var (smallest, largest) = (runs[0], runs[^1]);
        var text = Invariant(
            $"{largest.PerSecond:F0} rows/s at {largest.Rows} rows, baseline {smallest.PerSecond:F0} rows/s at {smallest.Rows} rows, ratio {largest.Flatness:F2}")
            + string.Concat(runs.Reverse().Select(r => Invariant($"; at {r.Rows}: last 10 % {r.LastTenthPerSecond:F0} rows/s, first 10 % {r.FirstTenthPerSecond:F0} rows/s")));
        return new RowResult(name, text);
    }

    public static RowResult Memory(IReadOnlyList<IdleSequencesFigure> runs) => new("memory", string.Join(", ", runs.Select(r => Invariant(
        $"{r.BytesPerSequence:F0} B per idle open sequence at {r.Open}{(r.Reached ? "" : $" (of {r.Target}: time ran out, CreateSequence at {r.OpenedPerSecond:F0}/s)")}"))));

    public static RowResult Latency(LatencyFigure latency) => new("latency", Invariant(
        $"{latency.Low.P99Ms:F1} ms p99 at {latency.Low.OfferedPerSecond:F0} msg/s, baseline {latency.Low.P50Ms:F1} ms p50, ratio {latency.Low.Ratio:F2}; ")
        + Invariant($"at {latency.High.OfferedPerSecond:F0} msg/s (80 % of a burst's {latency.BurstPerSecond:F0}/s): p50 {latency.High.P50Ms:F1} ms, p99 {latency.High.P99Ms:F1} ms")
        + (latency.WarmUp is { } gentle ? Invariant($"; at {gentle.OfferedPerSecond:F0} msg/s (warm-up): p50 {gentle.P50Ms:F1} ms, p99 {gentle.P99Ms:F1} ms") : "")
        + (latency.BurstPerSecond < latency.Low.OfferedPerSecond
            ? Invariant($"; {latency.Low.OfferedPerSecond:F0} msg/s is more than the burst's rate, so its latency is mostly the queue it builds")
            : "")
        + (latency.Missing == 0 ? "" : Invariant($"; FAILED: {latency.Missing} callbacks never arrived")),
        latency.Missing > 0);

    /// <summary>The CPU part of a line: microseconds per operation of the host, PostgreSQL and RabbitMQ.</summary>
    private static string Cpu(LoadResult load) => Invariant(
        $"cpu µs/msg host {load.CpuMicrosecondsPerOperation("host"):F0} postgres {load.CpuMicrosecondsPerOperation("postgres"):F0} rabbitmq {load.CpuMicrosecondsPerOperation("rabbitmq"):F0}");

    private static string Checked(IReadOnlyList<string> problems, string good, string more) =>
        problems.Count == 0 ? "; " + good + more : Invariant($"; FAILED: {problems[0]}") + (problems.Count > 1 ? Invariant($" (and {problems.Count - 1} more)") : "");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
