using System.Diagnostics;
using System.Net;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Limits;

/// <summary>
/// 200 clients announce 4 MB bodies and trickle them, a few more trickle slower than Kestrel's minimum data rate or
/// never finish their headers; meanwhile ordinary clients keep sending AddItem. The host's memory (VmRSS from /proc)
/// grows with what the slow clients actually sent, not with what they announced, and the ordinary clients are
/// answered throughout.
/// </summary>
public sealed partial class EdgeLimitsTests
{
    private const int SlowClients = 200;
    private const long Announced = 4L * 1024 * 1024;
    private const int BelowRateClients = 5;
    private const int UnfinishedHeaderClients = 5;
    private const long MaxGrowthPerSlowClient = 1024 * 1024;

    // Longer than the 10 s RequestHeadersTimeout, so clients that never finish their headers are cut off within it.
    private static readonly TimeSpan AttackLength = TimeSpan.FromSeconds(13);
    private static readonly TimeSpan TrickleInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxOrdinaryLatency = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Slow_clients_announcing_4_MB_cost_the_host_what_they_sent_and_ordinary_clients_keep_being_served()
    {
        var pid = fixture.Host.ProcessId;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 40; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await AddItemAsync(http)).Status);
        var before = ProcessFigures.Of(pid);

        var slow = await OpenAsync(SlowClients, c => c.SendHeadersAsync(Announced));
        var belowRate = await OpenAsync(BelowRateClients, c => c.SendHeadersAsync(Announced));
        var unfinished = await OpenAsync(UnfinishedHeaderClients, c => c.SendHeadersAsync(0, complete: false));
        var clock = Stopwatch.StartNew();
        using var attack = new CancellationTokenSource(AttackLength);

        var trickle = TrickleAsync(slow, belowRate, unfinished, attack.Token);
        var peak = SamplePeakAsync(pid, attack.Token);
        var ordinary = await Task.WhenAll(OrdinaryAsync(http, attack.Token), OrdinaryAsync(http, attack.Token));
        await trickle;
        var during = await peak;
        var duringFigures = ProcessFigures.Of(pid);
        var sentPerSlowClient = slow.Average(c => c.BytesSent);
        var slowStillOpen = slow.Count(c => !c.EndedByServer);
        var belowRateCut = belowRate.Count(c => c.EndedByServer);
        var unfinishedCut = unfinished.Count(c => c.EndedByServer);

        foreach (var client in slow.Concat(belowRate).Concat(unfinished))
            await client.DisposeAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await AddItemAsync(http)).Status);
        var after = ProcessFigures.Of(pid);

        var answered = ordinary.SelectMany(o => o).ToList();
        var latencies = answered.Select(a => a.Latency).Order().ToList();
        var growth = during - before.Rss;
        output.WriteLine($"attack: {clock.Elapsed.TotalSeconds:0.0} s; each slow client sent {sentPerSlowClient / 1024:0} KB of the {Announced / 1024 / 1024} MB it announced; {slowStillOpen} of {SlowClients} still open at the end");
        output.WriteLine($"host VmRSS before {ProcessFigures.Megabytes(before.Rss)}, peak during {ProcessFigures.Megabytes(during)} (+{ProcessFigures.Megabytes(growth)}, {growth / SlowClients / 1024} KB per slow client), after {ProcessFigures.Megabytes(after.Rss)}; VmHWM {ProcessFigures.Megabytes(after.PeakRss)}");
        output.WriteLine($"host CPU during the attack {duringFigures.CpuSeconds - before.CpuSeconds:0.00} s");
        output.WriteLine($"ordinary AddItem during the attack: {answered.Count} answered, p50 {Percentile(latencies, 0.5).TotalMilliseconds:0} ms, p99 {Percentile(latencies, 0.99).TotalMilliseconds:0} ms, max {latencies[^1].TotalMilliseconds:0} ms");
        output.WriteLine($"cut off by the host: {belowRateCut} of {BelowRateClients} below the minimum data rate, {unfinishedCut} of {UnfinishedHeaderClients} with unfinished headers");

        Assert.Equal(SlowClients, slowStillOpen);
        Assert.True(growth <= SlowClients * MaxGrowthPerSlowClient, $"the host grew by {ProcessFigures.Megabytes(growth)} for {SlowClients} slow clients");
        Assert.All(answered, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.True(answered.Count >= 20, $"only {answered.Count} ordinary requests were answered during the attack");
        Assert.True(latencies[^1] < MaxOrdinaryLatency, $"an ordinary request took {latencies[^1].TotalMilliseconds:0} ms");
        Assert.Equal(BelowRateClients, belowRateCut);
        Assert.Equal(UnfinishedHeaderClients, unfinishedCut);
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private async Task<List<SlowClient>> OpenAsync(int count, Func<SlowClient, Task> start)
    {
        var clients = new List<SlowClient>(count);
        for (var i = 0; i < count; i++)
        {
            var client = await SlowClient.ConnectAsync(fixture.Host.Port);
            await start(client);
            clients.Add(client);
        }
        return clients;
    }

    /// <summary>Slow clients send 1 KB every half second (2 KB/s); the others one byte a second, far below Kestrel's 240 B/s.</summary>
    private static async Task TrickleAsync(List<SlowClient> slow, List<SlowClient> belowRate, List<SlowClient> unfinished, CancellationToken stop)
    {
        var kilobyte = new byte[1024];
        Array.Fill(kilobyte, (byte)'x');
        var oneByte = "x"u8.ToArray();
        using var timer = new PeriodicTimer(TrickleInterval);
        var tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var client in slow)
                    await client.TrickleAsync(kilobyte);
                if (++tick % 2 == 0)
                {
                    foreach (var client in belowRate.Concat(unfinished))
                        await client.TrickleAsync(oneByte);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the attack is over
        }
    }

    private static async Task<long> SamplePeakAsync(int pid, CancellationToken stop)
    {
        long peak = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                peak = Math.Max(peak, ProcessFigures.Of(pid).Rss);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the attack is over
        }
        return Math.Max(peak, ProcessFigures.Of(pid).Rss);
    }

    private async Task<List<(HttpStatusCode Status, TimeSpan Latency)>> OrdinaryAsync(HttpClient http, CancellationToken stop)
    {
        var answered = new List<(HttpStatusCode, TimeSpan)>();
        while (!stop.IsCancellationRequested)
            answered.Add(await AddItemAsync(http));
        return answered;
    }
}
