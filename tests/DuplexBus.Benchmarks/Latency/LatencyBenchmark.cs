using System.Diagnostics;
using System.Globalization;
using DuplexBus.Benchmarks.Callbacks;
using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Benchmarks.Edge;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Latency;

/// <summary>
/// StartWork (one unit of work of length 0, a ReplyTo to the local sink) → WorkCompleted received by the sink: the whole
/// path through edge, outbox, relay, saga, back end, saga again and dispatcher. Open loop: requests go out on a fixed
/// schedule whatever the answers. After a gentle warm-up (10/s), a burst estimates the maximum; then the latency at
/// 80 % of the burst's rate, and last at 100/s (last, because when that is more than the host can do, it leaves a queue).
/// Each phase starts on a quiet host: a callback reaching the sink is not the end of the work it causes (the saga still
/// applies its CallbackDelivered), and a burst's tail of those once stalled the next phase's first half second.
/// </summary>
internal static class LatencyBenchmark
{
    public const double LowRate = 100;
    private const double WarmUpRate = 10;
    private const int BurstConcurrency = 32;
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(2);

    public static async Task<LatencyFigure> MeasureAsync(ServersFixture servers, CallbackSink sink, TimeSpan warmUp, TimeSpan window, int burst)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var (options, database) = await ProductionHost.OptionsAsync(servers, "latency");
        options.Environment["Samples__Work__UnitLength"] = "00:00:00";
        try
        {
            await using var host = await HostProcess.StartAsync(options);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false, UseCookies = false });
            var requests = new StartWorkRequests(http, EdgeBenchmark.Service(host), sink.Address, steps: 1);

            var gentle = await PacedAsync(requests, sink, WarmUpRate, warmUp);
            Console.WriteLine(gentle);
            Console.WriteLine(await LatencyStages.DescribeAsync(database, gentle.Instances));
            await CpuUse.WaitForQuietHostAsync(host.ProcessId, QuietLimit);
            var burstRate = await BurstAsync(requests, sink, burst);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency: a burst of {burst} StartWork ({BurstConcurrency} at a time) was called back at {burstRate:F0}/s"));
            await CpuUse.WaitForQuietHostAsync(host.ProcessId, QuietLimit);
            var high = await PacedAsync(requests, sink, Math.Max(1, 0.8 * burstRate), window);
            Console.WriteLine(high);
            Console.WriteLine(await LatencyStages.DescribeAsync(database, high.Instances));
            await CpuUse.WaitForQuietHostAsync(host.ProcessId, QuietLimit);
            var low = await PacedAsync(requests, sink, LowRate, window);
            Console.WriteLine(low);
            return new LatencyFigure(low, burstRate, burst, high) { WarmUp = gentle };
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }

    /// <summary>Sends at <paramref name="rate"/> for <paramref name="duration"/> on a fixed schedule, then waits for every callback.</summary>
    private static async Task<LatencySample> PacedAsync(StartWorkRequests requests, CallbackSink sink, double rate, TimeSpan duration)
    {
        var count = Math.Max(1, (int)(rate * duration.TotalSeconds));
        var instances = new Guid[count];
        var started = new long[count];
        var tally = sink.Begin(count, instances: true);
        var sends = new List<Task>(count);
        var origin = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            // Each request leaves at its own time on the schedule; one that is late leaves at once.
            var due = origin + (long)(i * Stopwatch.Frequency / rate);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
                await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            instances[i] = Guid.NewGuid();
            started[i] = Stopwatch.GetTimestamp();
            sends.Add(requests.SendAsync(instances[i]));
        }
        await Task.WhenAll(sends);
        await WaitForCallbacksAsync(tally, instances);
        return Sample(rate, tally, instances, started);
    }

    /// <summary>Sends <paramref name="count"/> StartWork as fast as <see cref="BurstConcurrency"/> senders go; callbacks/s from the first send to the last callback.</summary>
    private static async Task<double> BurstAsync(StartWorkRequests requests, CallbackSink sink, int count)
    {
        var instances = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        var tally = sink.Begin(count, instances: true);
        var origin = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, BurstConcurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await requests.SendAsync(instances[i]);
        })));
        await WaitForCallbacksAsync(tally, instances);
        var last = instances.Select(tally.ArrivalOf).Max(a => a ?? 0);
        return instances.Count(i => tally.ArrivalOf(i) is not null) / Stopwatch.GetElapsedTime(origin, last).TotalSeconds;
    }

    /// <summary>Until a callback came for every instance, or none came for <see cref="StallLimit"/>.</summary>
    private static async Task WaitForCallbacksAsync(SinkTally tally, Guid[] instances)
    {
        var progress = (Arrived: -1, At: Stopwatch.GetTimestamp());
        while (true)
        {
            var arrived = instances.Count(i => tally.ArrivalOf(i) is not null);
            if (arrived == instances.Length)
                return;
            if (arrived > progress.Arrived)
                progress = (arrived, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(progress.At) > StallLimit)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static LatencySample Sample(double rate, SinkTally tally, Guid[] instances, long[] started)
    {
        var latencies = new List<double>(instances.Length);
        for (var i = 0; i < instances.Length; i++)
        {
            if (tally.ArrivalOf(instances[i]) is { } arrived)
                latencies.Add(Stopwatch.GetElapsedTime(started[i], arrived).TotalMilliseconds);
        }
        latencies.Sort();
        return new LatencySample(rate, instances.Length, instances.Length - latencies.Count, Percentile(latencies, 0.50), Percentile(latencies, 0.99)) { Instances = instances };
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
