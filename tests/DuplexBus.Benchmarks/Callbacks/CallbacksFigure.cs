using System.Globalization;

namespace DuplexBus.Benchmarks.Callbacks;

/// <summary>The dispatcher's run and the HttpClient baseline over the same envelopes, with what the sink saw of each.</summary>
internal sealed record CallbacksFigure(LoadResult Callbacks, SinkTally CallbacksSink, LoadResult Baseline, SinkTally BaselineSink)
{
    public double Ratio => Callbacks.PerSecond / Baseline.PerSecond;

    /// <summary>(Host + PostgreSQL) CPU per delivered callback ÷ (client + sink) CPU per POST of the baseline.</summary>
    public double? CpuRatio =>
        (Callbacks.CpuMicrosecondsPerOperation("host") + Callbacks.CpuMicrosecondsPerOperation("postgres")) / Baseline.CpuMicrosecondsPerOperation("client");

    public void Print()
    {
        Console.WriteLine(Callbacks);
        Console.WriteLine(CallbacksSink);
        Console.WriteLine(Baseline);
        Console.WriteLine(BaselineSink);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio callbacks/baseline: {Ratio:F2} (target ≥ 0.7)"));
    }
}
