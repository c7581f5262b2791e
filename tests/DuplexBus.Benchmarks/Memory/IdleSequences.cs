using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Memory;

/// <summary>
/// Opens sequences with raw CreateSequence messages (never closed, nothing sent on them) and reads the host's resident
/// memory before and after: what an idle open sequence costs the process.
/// </summary>
internal static class IdleSequences
{
    private const int Concurrency = 16;

    /// <summary>Opened before the first reading, so the JIT, pools and caches of CreateSequence are not counted as the sequences' memory.</summary>
    private const int WarmUpSequences = 300;

    /// <summary>
    /// On a host of its own (a fresh database and virtual host, the open-sequence limits raised for this process's
    /// sequences), warmed up by <see cref="WarmUpSequences"/> sequences and quiet: as <see cref="MeasureAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyList<IdleSequencesFigure>> MeasureOnOwnHostAsync(ServersFixture servers, IReadOnlyList<int> counts, TimeSpan quietLimit, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (options, database) = await ProductionHost.OptionsAsync(servers, "memory");
        // Both limits raised: at 100,000 the endpoint-wide default (100,000) would refuse the last few hundred.
        var limit = (counts.Max() + WarmUpSequences + 1_000).ToString(CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequencesPerClient"] = limit;
        options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequences"] = limit;
        try
        {
            await using var host = await HostProcess.StartAsync(options);
            var service = new Uri(host.BaseAddress, "/services/work");
            using (var http = Client())
                await OpenAsync(http, service, WarmUpSequences, DateTime.MaxValue);
            await CpuUse.TryWaitForQuietHostAsync(host.ProcessId, quietLimit);
            return await MeasureAsync(host.ProcessId, service, counts, timeLimit);
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }

    /// <summary>
    /// Opens sequences up to each of <paramref name="counts"/> in turn (ascending), printing and returning a figure at
    /// each; when <paramref name="timeLimit"/> runs out first, the last figure is of the sequences opened by then.
    /// </summary>
    public static async Task<IReadOnlyList<IdleSequencesFigure>> MeasureAsync(int hostProcessId, Uri service, IReadOnlyList<int> counts, TimeSpan? timeLimit = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var deadline = timeLimit is { } limit ? DateTime.UtcNow + limit : DateTime.MaxValue;
        using var http = Client();
        var before = ResidentBytes(hostProcessId);
        var figures = new List<IdleSequencesFigure>();
        var opened = 0;
        foreach (var count in counts)
        {
            var clock = Stopwatch.StartNew();
            var more = await OpenAsync(http, service, count - opened, deadline);
            // Read once the host has finished what the burst of requests left it (its CPU back near zero).
            await CpuUse.TryWaitForQuietHostAsync(hostProcessId, TimeSpan.FromSeconds(30));
            var figure = new IdleSequencesFigure(opened + more, before, ResidentBytes(hostProcessId)) { Target = count, Opening = clock.Elapsed, OpenedBefore = opened };
            opened += more;
            Console.WriteLine(figure);
            figures.Add(figure);
            if (opened < count)
                break;
        }
        return figures;
    }

    private static HttpClient Client() => new(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency });

    /// <summary>Opens <paramref name="count"/> sequences, or as many as it can until <paramref name="deadline"/>; returns how many.</summary>
    private static async Task<int> OpenAsync(HttpClient http, Uri service, int count, DateTime deadline)
    {
        var next = 0;
        var opened = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < deadline && Interlocked.Increment(ref next) <= count)
            {
                await CreateSequenceAsync(http, service);
                Interlocked.Increment(ref opened);
            }
        })));
        return opened;
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
