using System.Diagnostics;
using DuplexBus.Benchmarks.Cpu;

namespace DuplexBus.Benchmarks;

/// <summary>
/// Runs an operation from N concurrent workers for a fixed time and records latencies. Before that, a warm-up: at least
/// the given time and, when the host is known, until its JIT has settled — a freshly started host spends most of its
/// first minute under load recompiling hot methods (hundreds a second), which is start-up, not the cost of a message.
/// </summary>
internal static class Load
{
    /// <param name="hostProcessId">When given, the result also tells where the CPU time of the measured period went.</param>
    public static Task<LoadResult> RunAsync(string name, int concurrency, WarmUp warmUp, TimeSpan duration, Func<int, long, Task> operation, int? hostProcessId = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync(name, concurrency, warmUp, duration, async (worker, n) =>
        {
            await operation(worker, n);
            return true;
        }, hostProcessId);
    }

    /// <param name="operation">Returns false for an operation that failed: it is not counted (the caller reports why).</param>
    /// <param name="hostProcessId">When given, the result also tells where the CPU time of the measured period went.</param>
    public static async Task<LoadResult> RunAsync(string name, int concurrency, WarmUp warmUp, TimeSpan duration, Func<int, long, Task<bool>> operation, int? hostProcessId = null)
    {
        ArgumentNullException.ThrowIfNull(warmUp);
        using (var warm = new CancellationTokenSource())
        {
            var warming = RunWorkersAsync(concurrency, operation, latencies: null, warm.Token);
            await Task.Delay(warmUp.Minimum);
            if (hostProcessId is { } host)
                await CpuUse.WaitForSettledJitAsync(host, warmUp.JitSettleLimit);
            await warm.CancelAsync();
            await warming;
        }
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
            latencies[i] = new List<double>(1 << 16);
        var cpu = hostProcessId is { } pid ? CpuUse.Start(pid) : null;
        var watch = Stopwatch.StartNew();
        using (var measured = new CancellationTokenSource(duration))
            await RunWorkersAsync(concurrency, operation, latencies, measured.Token);
        watch.Stop();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, all.Length, watch.Elapsed, Percentile(all, 0.50), Percentile(all, 0.99))
        {
            CpuSeconds = cpu?.Spent(),
            CpuReport = cpu?.Report(all.Length),
        };
    }

    private static Task RunWorkersAsync(int concurrency, Func<int, long, Task<bool>> operation, List<double>[]? latencies, CancellationToken stop)
    {
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (long n = 0; !stop.IsCancellationRequested; n++)
            {
                var started = Stopwatch.GetTimestamp();
                if (await operation(worker, n))
                    latencies?[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
