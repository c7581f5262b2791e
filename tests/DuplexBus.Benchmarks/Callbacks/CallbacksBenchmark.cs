using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Callbacks;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Benchmarks.Callbacks;

/// <summary>
/// Callbacks delivered/s by the production-mode host's dispatcher to a local HTTP sink, from a batch of due callback
/// rows inserted at once; beside the baseline of a plain HttpClient posting the same envelopes to the same sink with
/// as many concurrent workers as the dispatcher has callbacks in flight.
/// </summary>
internal static class CallbacksBenchmark
{
    private const int WarmUpCallbacks = 500;
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(TimeSpan duration, int concurrency)
    {
        await using var sink = await CallbackSink.StartAsync();
        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        ServerProcesses.Track(servers);
        try
        {
            await MeasureAsync(servers, sink, duration, concurrency, QuietLimit);
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    /// <summary>
    /// Both runs on a host of their own (a fresh database and virtual host on <paramref name="servers"/>), printed and
    /// returned; each waits for the host to be quiet first, for at most <paramref name="quietLimit"/>.
    /// </summary>
    public static async Task<CallbacksFigure> MeasureAsync(ServersFixture servers, CallbackSink sink, TimeSpan duration, int concurrency, TimeSpan quietLimit)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(sink);
        Console.WriteLine($"callbacks: WorkCompleted callbacks (SOAP 1.2, WS-Addressing 1.0) to a local HTTP sink, {concurrency} in flight, about {duration.TotalSeconds:F0} s per run ({Environment.ProcessorCount} cores)");
        var (options, database) = await ProductionHost.OptionsAsync(servers, "callbacks");
        CallbackRows.Configure(options.Environment, concurrency);
        try
        {
            await using var host = await HostProcess.StartAsync(options);
            await using var dataSource = NpgsqlDataSource.Create(database);

            // The warm-up batch brings JIT, pools and prepared statements up to speed; its pace sizes the measured batch.
            var warmUp = await DeliverAsync(dataSource, sink, host, WarmUpCallbacks, concurrency);
            var count = (int)Math.Clamp(warmUp.Rate * duration.TotalSeconds, 1_000, 2_000_000);
            await WaitForQuietHostAsync(host, quietLimit);
            var callbacks = await DeliverAsync(dataSource, sink, host, count, concurrency);

            await WaitForQuietHostAsync(host, quietLimit);
            var baseline = await PostAsync(sink, count, concurrency, host.ProcessId);

            var figure = new CallbacksFigure(callbacks.Result, callbacks.Sink, baseline.Result, baseline.Sink);
            figure.Print();
            return figure;
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }

    private static async Task WaitForQuietHostAsync(HostProcess host, TimeSpan limit)
    {
        if (!await CpuUse.TryWaitForQuietHostAsync(host.ProcessId, limit))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (the host was still busy after {limit.TotalSeconds:F0} s; measuring beside it)"));
    }

    /// <summary>
    /// Inserts <paramref name="count"/> due callbacks in one COPY and times from its commit until the database shows
    /// all of them delivered.
    /// </summary>
    private static async Task<(LoadResult Result, SinkTally Sink, double Rate)> DeliverAsync(
        NpgsqlDataSource dataSource, CallbackSink sink, HostProcess host, int count, int concurrency)
    {
        var deliveredBefore = await CallbackRows.CountAsync(dataSource, CallbackState.Delivered);
        var tally = sink.Begin(count);
        await CallbackRows.InsertAsync(dataSource, count, sink.Address);
        var cpu = CpuUse.Start(host.ProcessId);
        var watch = Stopwatch.StartNew();

        // The sink sees the last callback a moment before the dispatcher records it: wait for the sink, then the rows.
        var lastProgress = (Received: 0L, At: Stopwatch.GetTimestamp());
        while (!tally.AllReceived.IsCompleted)
        {
            await Task.WhenAny(tally.AllReceived, Task.Delay(TimeSpan.FromSeconds(1)));
            if (tally.Distinct != lastProgress.Received)
                lastProgress = (tally.Distinct, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(lastProgress.At) > StallTimeout)
                throw await StalledAsync(dataSource, host, tally, count);
        }
        long delivered;
        while ((delivered = await CallbackRows.CountAsync(dataSource, CallbackState.Delivered) - deliveredBefore) < count)
        {
            if (Stopwatch.GetElapsedTime(lastProgress.At) > StallTimeout)
                throw await StalledAsync(dataSource, host, tally, count);
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
        watch.Stop();

        var result = new LoadResult($"callbacks: dispatcher, {count} rows inserted at once", concurrency, delivered, watch.Elapsed, double.NaN, double.NaN)
        {
            CpuSeconds = cpu.Spent(),
            CpuReport = cpu.Report(delivered),
        };
        return (result, tally, tally.SecondHalfRate);
    }

    /// <summary>The same envelopes posted by a plain HttpClient from <paramref name="concurrency"/> workers.</summary>
    private static async Task<(LoadResult Result, SinkTally Sink)> PostAsync(CallbackSink sink, int count, int concurrency, int hostProcessId)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        sink.Begin(WarmUpCallbacks);
        await PostAllAsync(http, sink.Address, CallbackRows.Envelopes(WarmUpCallbacks, sink.Address), concurrency, latencies: null);
        var envelopes = CallbackRows.Envelopes(count, sink.Address);
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
            latencies[i] = new List<double>(count / concurrency + 1);
        var tally = sink.Begin(count);
        var cpu = CpuUse.Start(hostProcessId);
        var watch = Stopwatch.StartNew();
        await PostAllAsync(http, sink.Address, envelopes, concurrency, latencies);
        watch.Stop();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var result = new LoadResult($"baseline: HttpClient POST, same envelopes", concurrency, all.Length, watch.Elapsed, Percentile(all, 0.50), Percentile(all, 0.99))
        {
            CpuSeconds = cpu.Spent(),
            CpuReport = cpu.Report(all.Length),
        };
        return (result, tally);
    }

    private static Task PostAllAsync(HttpClient http, Uri address, CallbackEnvelope[] envelopes, int concurrency, List<double>[]? latencies)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < envelopes.Length)
            {
                var started = Stopwatch.GetTimestamp();
                await PostOneAsync(http, address, envelopes[i]);
                latencies?[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
    }

    // As the dispatcher's sender does it: the bytes as they are, the envelope's content type, the answer read.
    private static async Task PostOneAsync(HttpClient http, Uri address, CallbackEnvelope envelope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(envelope.Content) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(envelope.ContentType);
        if (envelope.SoapAction is { } soapAction)
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"The sink answered {(int)response.StatusCode}.");
    }

    private static async Task<Exception> StalledAsync(NpgsqlDataSource dataSource, HostProcess host, SinkTally tally, int count)
    {
        var pending = await CallbackRows.CountAsync(dataSource, CallbackState.Pending);
        var deadLettered = await CallbackRows.CountAsync(dataSource, CallbackState.DeadLettered);
        return new TimeoutException(
            $"No progress for {StallTimeout.TotalSeconds:F0} s: the sink has {tally.Distinct} of {count} callbacks; {pending} pending and {deadLettered} dead-lettered rows.\n"
            + string.Join('\n', host.OutputLines.TakeLast(40)));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
