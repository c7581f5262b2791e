using System.Globalization;
using System.Net.Http.Headers;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks;

/// <summary>
/// Acknowledged messages/s of real WCF reliable sessions (WS-RM 1.1, ordered) against the production-mode host, at
/// 1, 8 and 32 concurrent sessions, each beside the baseline of one INSERT + COMMIT per message on the same
/// PostgreSQL at the same concurrency; then the host's resident memory per idle open sequence.
/// </summary>
internal static class EdgeBenchmark
{
    public static Task RunAsync(TimeSpan duration, int idleSequences, int[] sessionCounts) =>
        RunAsync("edge: WCF reliable sessions (WS-RM 1.1, SOAP 1.2, ordered)", "WCF clients", duration, idleSequences, sessionCounts, MeasureSessionsAsync);

    /// <summary>
    /// The run every edge figure shares: the servers, one production host, and for each session count the edge figure
    /// (by <paramref name="measure"/>: host, sessions, warm-up, duration), then the baseline beside it.
    /// </summary>
    /// <param name="generator">What loads the host, for the line that gives its CPU per message.</param>
    public static async Task RunAsync(
        string title, string generator, TimeSpan duration, int idleSequences, int[] sessionCounts, Func<HostProcess, int, TimeSpan, TimeSpan, Task<LoadResult>> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(sessionCounts);
        var warmUp = TimeSpan.FromSeconds(10);
        Console.WriteLine($"{title}, {duration.TotalSeconds:F0} s per run ({Environment.ProcessorCount} cores)");
        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        try
        {
            var (options, _) = await ProductionHost.OptionsAsync(servers, "edge");
            // The idle row opens all its sequences from one address; past the host's per-client limit (1,000 by default)
            // they would be refused. The load's own sessions stay open beside them (WCF's are aborted, not closed).
            if (idleSequences > 0)
                options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequencesPerClient"] = (idleSequences + 1_000).ToString(CultureInfo.InvariantCulture);
            var baselineDatabase = await servers.CreateDatabaseAsync("baseline");
            await Baseline.CreateTableAsync(baselineDatabase);

            await using var host = await HostProcess.StartAsync(options);
            foreach (var sessions in sessionCounts)
            {
                var edge = await measure(host, sessions, warmUp, duration);
                await CpuUse.WaitForQuietHostAsync(host.ProcessId, TimeSpan.FromMinutes(5));
                var baseline = await Baseline.MeasureAsync(baselineDatabase, sessions, warmUp, duration, host.ProcessId);
                Console.WriteLine(edge);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  load generator ({generator}, this process): {edge.CpuMicrosecondsPerOperation("client"):F0} µs CPU per message"));
                Console.WriteLine(baseline);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio edge/baseline at {sessions}: {edge.PerSecond / baseline.PerSecond:F2}"));
            }

            if (idleSequences > 0)
                await MeasureIdleSequencesAsync(host, idleSequences);
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    private static async Task<LoadResult> MeasureSessionsAsync(HostProcess host, int sessions, TimeSpan warmUp, TimeSpan duration)
    {
        var address = new System.ServiceModel.EndpointAddress(new Uri(host.BaseAddress, "/services/work"));
        var factories = Enumerable.Range(0, sessions).Select(_ => new ChannelFactory<IWorkService>(Binding(), address)).ToArray();
        var channels = factories.Select(f => f.CreateChannel()).ToArray();
        var instances = channels.Select(_ => Guid.NewGuid()).ToArray();
        foreach (var channel in channels)
            ((IClientChannel)channel).Open();
        try
        {
            return await Load.RunAsync($"edge: {sessions} WCF reliable sessions", sessions, warmUp, duration,
                (worker, n) => Task.Run(() => channels[worker].AddItem(instances[worker], (int)n + 1, "benchmark")), host.ProcessId);
        }
        finally
        {
            foreach (var channel in channels)
                ((IClientChannel)channel).Abort();
            foreach (var factory in factories)
                factory.Abort();
        }
    }

    private static CustomBinding Binding() => new(
        new ReliableSessionBindingElement(ordered: true) { ReliableMessagingVersion = ReliableMessagingVersion.WSReliableMessaging11 },
        new TextMessageEncodingBindingElement(MessageVersion.Soap12WSAddressing10, Encoding.UTF8),
        new HttpTransportBindingElement());

    /// <summary>Opens sequences with raw CreateSequence messages and reads the host's resident memory before and after.</summary>
    private static async Task MeasureIdleSequencesAsync(HostProcess host, int count)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 });
        var service = new Uri(host.BaseAddress, "/services/work");
        var before = ResidentBytes(host.ProcessId);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count)
                await CreateSequenceAsync(http, service);
        })));
        var after = ResidentBytes(host.ProcessId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle sequences: {count} open; host resident memory {before / 1048576.0:F1} MB -> {after / 1048576.0:F1} MB; {(after - before) / (double)count:F0} bytes per open sequence"));
    }

    private static async Task CreateSequenceAsync(HttpClient http, Uri service)
    {
        const string Rm = "http://docs.oasis-open.org/ws-rx/wsrm/200702";
        var envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org/2005/08/addressing\">"
            + $"<s:Header><a:Action s:mustUnderstand=\"1\">{Rm}/CreateSequence</a:Action><a:MessageID>urn:uuid:{Guid.NewGuid()}</a:MessageID>"
            + $"<a:To s:mustUnderstand=\"1\">{service}</a:To></s:Header><s:Body><CreateSequence xmlns=\"{Rm}\"><AcksTo>"
            + "<a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></AcksTo></CreateSequence></s:Body></s:Envelope>";
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
        using var response = await http.PostAsync(service, content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"CreateSequence answered {(int)response.StatusCode}.");
    }

    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException("VmRSS not found");
    }
}
