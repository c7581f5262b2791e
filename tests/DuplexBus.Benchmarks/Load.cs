using System.Diagnostics;

namespace DuplexBus.Benchmarks;

/// <summary>Runs an operation from N concurrent workers for a fixed time, after a warm-up, and records latencies.</summary>
internal static class Load
{
    /// <param name="hostProcessId">When given, the result also tells where the CPU time of the measured period went.</param>
    public static async Task<LoadResult> RunAsync(string name, int concurrency, TimeSpan warmUp, TimeSpan duration, Func<int, long, Task> operation, int? hostProcessId = null)
    {
        await RunWorkersAsync(concurrency, warmUp, operation, latencies: null);
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
            latencies[i] = new List<double>(1 << 16);
        var cpu = hostProcessId is { } pid ? CpuUse.Start(pid) : null;
        var watch = Stopwatch.StartNew();
        await RunWorkersAsync(concurrency, duration, operation, latencies);
        watch.Stop();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, all.Length, watch.Elapsed, Percentile(all, 0.50), Percentile(all, 0.99))
        {
            CpuReport = cpu?.Report(all.Length),
        };
    }

    private static Task RunWorkersAsync(int concurrency, TimeSpan duration, Func<int, long, Task> operation, List<double>[]? latencies)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (long n = 0; Stopwatch.GetTimestamp() < deadline; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(worker, n);
                latencies?[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
