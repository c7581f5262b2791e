using System.Globalization;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;
using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Benchmarks.Memory;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Edge;

/// <summary>
/// Acknowledged messages/s of real WCF reliable sessions (WS-RM 1.1, ordered) against the production-mode host, at
/// 1, 8 and 32 concurrent sessions, each beside the baseline of one INSERT + COMMIT per message on the same
/// PostgreSQL at the same concurrency; then the host's resident memory per idle open sequence.
/// </summary>
internal static class EdgeBenchmark
{
    public const string WcfGenerator = "WCF clients";

    /// <summary>How long a baseline waits for the host to work off what the edge run left queued.</summary>
    public static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(5);

    public static Task RunAsync(TimeSpan duration, int idleSequences, int[] sessionCounts) =>
        RunAsync("edge: WCF reliable sessions (WS-RM 1.1, SOAP 1.2, ordered)", WcfGenerator, duration, idleSequences, sessionCounts, MeasureSessionsAsync);

    /// <summary>
    /// The run every edge command shares: the servers, one production host, and for each session count the edge figure
    /// (by <paramref name="measure"/>), then the baseline beside it; then the idle sequences, when asked for.
    /// </summary>
    /// <param name="generator">What loads the host, for the line that gives its CPU per message.</param>
    public static async Task RunAsync(string title, string generator, TimeSpan duration, int idleSequences, int[] sessionCounts, SessionLoad measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(sessionCounts);
        Console.WriteLine($"{title}, {duration.TotalSeconds:F0} s per run ({Environment.ProcessorCount} cores)");
        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        ServerProcesses.Track(servers);
        try
        {
            await using var edge = await EdgeHost.StartAsync(servers, idleSequences);
            foreach (var sessions in sessionCounts)
                await MeasureFigureAsync(edge, generator, sessions, measure, WarmUp.Standard, duration, QuietLimit);
            if (idleSequences > 0)
                await IdleSequences.MeasureAsync(edge.Host.ProcessId, Service(edge.Host), [idleSequences]);
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    /// <summary>
    /// One edge figure: the load, then (once the host is quiet, or after <paramref name="quietLimit"/>) the baseline at
    /// the same concurrency; printed and returned.
    /// </summary>
    public static async Task<EdgeFigure> MeasureFigureAsync(
        EdgeHost edge, string generator, int sessions, SessionLoad measure, WarmUp warmUp, TimeSpan duration, TimeSpan quietLimit)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(measure);
        var load = await measure(edge.Host, sessions, warmUp, duration);
        var quiet = await CpuUse.TryWaitForQuietHostAsync(edge.Host.ProcessId, quietLimit);
        var baseline = await Baseline.MeasureAsync(edge.BaselineDatabase, sessions, warmUp, duration, edge.Host.ProcessId);
        var figure = new EdgeFigure(generator, sessions, load, baseline)
        {
            BaselineNote = quiet ? null : string.Create(CultureInfo.InvariantCulture,
                $"  (the host was still working off the edge run's backlog {quietLimit.TotalSeconds:F0} s after it; the baseline ran beside it)"),
        };
        figure.Print();
        return figure;
    }

    public static Uri Service(HostProcess host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new Uri(host.BaseAddress, "/services/work");
    }

    /// <summary>The load of real WCF reliable sessions, each sending AddItem to an instance of its own.</summary>
    public static async Task<LoadResult> MeasureSessionsAsync(HostProcess host, int sessions, WarmUp warmUp, TimeSpan duration)
    {
        var address = new EndpointAddress(Service(host));
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
}
