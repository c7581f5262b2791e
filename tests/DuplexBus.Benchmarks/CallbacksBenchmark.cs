using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DuplexBus.Callbacks;
using DuplexBus.Testing;
using Npgsql;
using NpgsqlTypes;

namespace DuplexBus.Benchmarks;

/// <summary>
/// Callbacks delivered/s by the production-mode host's dispatcher to a local HTTP sink, from a batch of due callback
/// rows inserted at once; beside the baseline of a plain HttpClient posting the same envelopes to the same sink with
/// as many concurrent workers as the dispatcher has callbacks in flight.
/// </summary>
internal static class CallbacksBenchmark
{
    private const int WarmUpCallbacks = 500;
    private const string Action = "urn:duplexbus:samples/WorkCallback/WorkCompleted";
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(TimeSpan duration, int concurrency)
    {
        Console.WriteLine($"callbacks: WorkCompleted callbacks (SOAP 1.2, WS-Addressing 1.0) to a local HTTP sink, {concurrency} in flight, about {duration.TotalSeconds:F0} s per run ({Environment.ProcessorCount} cores)");
        await using var sink = await CallbackSink.StartAsync();
        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        try
        {
            var (options, database) = await ProductionHost.OptionsAsync(servers, "callbacks");
            options.Environment["DuplexBus__Callbacks__Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture);
            options.Environment["DuplexBus__Callbacks__PollInterval"] = "00:00:00.050";
            await using var host = await HostProcess.StartAsync(options);
            await using var dataSource = NpgsqlDataSource.Create(database);

            // The warm-up batch brings JIT, pools and prepared statements up to speed; its pace sizes the measured batch.
            var warmUp = await DeliverAsync(dataSource, sink, host, WarmUpCallbacks, concurrency);
            var count = (int)Math.Clamp(warmUp.Rate * duration.TotalSeconds, 1_000, 2_000_000);
            await CpuUse.WaitForQuietHostAsync(host.ProcessId, TimeSpan.FromMinutes(5));
            var callbacks = await DeliverAsync(dataSource, sink, host, count, concurrency);

            await CpuUse.WaitForQuietHostAsync(host.ProcessId, TimeSpan.FromMinutes(5));
            var baseline = await PostAsync(sink, count, concurrency, host.ProcessId);

            Console.WriteLine(callbacks.Result);
            Console.WriteLine(callbacks.Sink);
            Console.WriteLine(baseline.Result);
            Console.WriteLine(baseline.Sink);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio callbacks/baseline: {callbacks.Result.PerSecond / baseline.Result.PerSecond:F2} (target ≥ 0.7)"));
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    /// <summary>
    /// Inserts <paramref name="count"/> due callbacks in one COPY and times from its commit until the database shows
    /// all of them delivered.
    /// </summary>
    private static async Task<(LoadResult Result, SinkTally Sink, double Rate)> DeliverAsync(
        NpgsqlDataSource dataSource, CallbackSink sink, HostProcess host, int count, int concurrency)
    {
        var deliveredBefore = await CountAsync(dataSource, CallbackState.Delivered);
        var tally = sink.Begin(count);
        await InsertAsync(dataSource, count, sink.Address);
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
        while ((delivered = await CountAsync(dataSource, CallbackState.Delivered) - deliveredBefore) < count)
        {
            if (Stopwatch.GetElapsedTime(lastProgress.At) > StallTimeout)
                throw await StalledAsync(dataSource, host, tally, count);
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
        watch.Stop();

        var result = new LoadResult($"callbacks: dispatcher, {count} rows inserted at once", concurrency, delivered, watch.Elapsed, double.NaN, double.NaN)
        {
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
        await PostAllAsync(http, sink.Address, Envelopes(WarmUpCallbacks, sink.Address), concurrency, latencies: null);
        var envelopes = Envelopes(count, sink.Address);
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

    private static CallbackEnvelope[] Envelopes(int count, Uri address) =>
        [.. Enumerable.Range(0, count).Select(_ => CallbackEnvelope.For(Callback(Guid.NewGuid(), Guid.NewGuid(), address)))];

    /// <summary>A WorkCompleted callback as the sample's saga writes it: the client's context as reference parameter.</summary>
    private static CallbackMessage Callback(Guid id, Guid instanceId, Uri address) => new()
    {
        Id = id,
        Address = address.ToString(),
        SoapVersion = "1.2",
        AddressingVersion = "1.0",
        Action = Action,
        Headers = Headers(instanceId),
        Body = Body(instanceId),
    };

    private static string Headers(Guid instanceId) =>
        $"<Context xmlns=\"http://schemas.microsoft.com/ws/2006/05/context\"><Property name=\"instanceId\">{instanceId}</Property></Context>";

    private static string Body(Guid instanceId) =>
        $"<WorkCompleted xmlns=\"urn:duplexbus:samples\"><instanceId>{instanceId}</instanceId><itemCount>5</itemCount></WorkCompleted>";

    /// <summary>One COPY of pending callbacks, all due now, without a correlation id (so no bus events follow).</summary>
    private static async Task InsertAsync(NpgsqlDataSource dataSource, int count, Uri address)
    {
        var now = DateTime.UtcNow;
        var target = address.ToString();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY callback_message (id, address, soap_version, addressing_version, action, headers, body, state, attempts, next_attempt_at, created_at, window_started_at, echo_activity_id) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var instanceId = Guid.NewGuid();
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(target, NpgsqlDbType.Varchar);
            await copy.WriteAsync("1.2", NpgsqlDbType.Varchar);
            await copy.WriteAsync("1.0", NpgsqlDbType.Varchar);
            await copy.WriteAsync(Action, NpgsqlDbType.Varchar);
            await copy.WriteAsync(Headers(instanceId), NpgsqlDbType.Text);
            await copy.WriteAsync(Body(instanceId), NpgsqlDbType.Text);
            await copy.WriteAsync((int)CallbackState.Pending, NpgsqlDbType.Integer);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        }
        await copy.CompleteAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, CallbackState state)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM callback_message WHERE state = $1");
        command.Parameters.AddWithValue((int)state);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Exception> StalledAsync(NpgsqlDataSource dataSource, HostProcess host, SinkTally tally, int count)
    {
        var pending = await CountAsync(dataSource, CallbackState.Pending);
        var deadLettered = await CountAsync(dataSource, CallbackState.DeadLettered);
        return new TimeoutException(
            $"No progress for {StallTimeout.TotalSeconds:F0} s: the sink has {tally.Distinct} of {count} callbacks; {pending} pending and {deadLettered} dead-lettered rows.\n"
            + string.Join('\n', host.OutputLines.TakeLast(40)));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
