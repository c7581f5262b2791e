using System.Globalization;

namespace DuplexBus.Benchmarks.Edge;

/// <summary>One edge figure and the baseline measured right after it at the same concurrency.</summary>
/// <param name="Generator">What loaded the host, for the line that gives its CPU per message.</param>
internal sealed record EdgeFigure(string Generator, int Sessions, LoadResult Edge, LoadResult Baseline)
{
    /// <summary>Acknowledged messages/s ÷ INSERT + COMMIT/s.</summary>
    public double Ratio => Edge.PerSecond / Baseline.PerSecond;

    /// <summary>The host's CPU per acknowledged message ÷ PostgreSQL's CPU per INSERT + COMMIT of the baseline.</summary>
    public double? CpuRatio => Edge.CpuMicrosecondsPerOperation("host") / Baseline.CpuMicrosecondsPerOperation("postgres");

    /// <summary>A line (indented) about how the baseline was taken, when something was unusual.</summary>
    public string? BaselineNote { get; init; }

    public void Print()
    {
        Console.WriteLine(Edge);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  load generator ({Generator}, this process): {Edge.CpuMicrosecondsPerOperation("client"):F0} µs CPU per message"));
        Console.WriteLine(Baseline);
        if (BaselineNote is not null)
            Console.WriteLine(BaselineNote);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio edge/baseline at {Sessions}: {Ratio:F2}"));
    }
}
