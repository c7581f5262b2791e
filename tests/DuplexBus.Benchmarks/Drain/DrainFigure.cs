using System.Globalization;

namespace DuplexBus.Benchmarks.Drain;

/// <summary>How fast a backlog of <see cref="Rows"/> queued rows was worked off: over all of it, its first 10 % and its last 10 %.</summary>
internal sealed record DrainFigure(string What, int Rows, TimeSpan Elapsed, double PerSecond, double FirstTenthPerSecond, double LastTenthPerSecond)
{
    /// <summary>Last 10 % rate ÷ first 10 % rate: 1.0 is flat; under 1 the rows got dearer as the run went on.</summary>
    public double Flatness => LastTenthPerSecond / FirstTenthPerSecond;

    /// <summary>
    /// From times (Stopwatch ticks or any other unit per second given by <paramref name="unitsPerSecond"/>) at which
    /// row 0, row n/10 - 1, row n - n/10 and row n - 1 were done, in order.
    /// </summary>
    public static DrainFigure From(string what, int rows, double first, double firstTenthEnd, double lastTenthStart, double last, double unitsPerSecond)
    {
        var tenth = rows / 10;
        return new DrainFigure(
            what,
            rows,
            TimeSpan.FromSeconds((last - first) / unitsPerSecond),
            (rows - 1) / ((last - first) / unitsPerSecond),
            (tenth - 1) / ((firstTenthEnd - first) / unitsPerSecond),
            (tenth - 1) / ((last - lastTenthStart) / unitsPerSecond));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{What}: {Rows} rows in {Elapsed.TotalSeconds:F1} s, {PerSecond:F0} rows/s; first 10 % {FirstTenthPerSecond:F0} rows/s, last 10 % {LastTenthPerSecond:F0} rows/s (last/first {Flatness:F2})");
}
