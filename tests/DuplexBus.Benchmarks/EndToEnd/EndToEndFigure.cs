using System.Globalization;

namespace DuplexBus.Benchmarks.EndToEnd;

/// <summary>
/// Items acknowledged at the edge and applied by the saga per second over the same window under sustained load; how
/// long the backlog took to drain once the load stopped (null: not within the limit); what the final check found.
/// </summary>
internal sealed record EndToEndFigure(
    int Sessions,
    TimeSpan Window,
    double AckedPerSecond,
    double AppliedPerSecond,
    long Acked,
    long Applied,
    TimeSpan? Drained,
    IReadOnlyList<string> Problems,
    LoadResult Cpu)
{
    /// <summary>Applied/s ÷ acknowledged/s: 1.0 or more means the sagas keep up with the edge.</summary>
    public double Ratio => AppliedPerSecond / AckedPerSecond;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"e2e: {Sessions} WS-RM sessions for {Window.TotalSeconds:F0} s: {AckedPerSecond:F0} items acknowledged/s, {AppliedPerSecond:F0} applied/s, ratio {Ratio:F2}; ")
        + (Drained is { } drained
            ? string.Create(CultureInfo.InvariantCulture, $"after the load stopped the backlog drained in {drained.TotalSeconds:F1} s ({Acked} acknowledged, {Applied} applied)")
            : string.Create(CultureInfo.InvariantCulture, $"the backlog had not drained when the benchmark stopped waiting: {Applied} of {Acked} applied"))
        + Environment.NewLine + Cpu.CpuReport
        + (Problems.Count == 0 ? "" : Environment.NewLine + "  FAILED: " + string.Join(Environment.NewLine + "  FAILED: ", Problems.Take(20)));
}
