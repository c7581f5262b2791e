using System.Diagnostics;
using System.Globalization;
using DuplexBus.Benchmarks.Callbacks;
using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Benchmarks.Drain;
using DuplexBus.Benchmarks.Edge;
using DuplexBus.Benchmarks.EndToEnd;
using DuplexBus.Benchmarks.Idle;
using DuplexBus.Benchmarks.Latency;
using DuplexBus.Benchmarks.Light;
using DuplexBus.Benchmarks.Memory;
using DuplexBus.Benchmarks.SagaScale;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.All;

/// <summary>
/// Every row of issue 13's table in one run, on one PostgreSQL and one RabbitMQ: each row's detailed lines as it goes,
/// then <c>summary:</c> and one line per row in the table's order. Exit code 1 when a row could not run or a correctness
/// check (order, counts, callbacks that never came) failed; figures never fail it.
/// </summary>
internal static class AllCommand
{
    /// <summary>The rows, in the order of the issue's table and of the summary.</summary>
    public static readonly IReadOnlyList<string> Rows =
        ["idle", "edge-1", "edge-32", "edge-light-32", "callbacks", "e2e", "saga-scale", "drain-outbox", "drain-callbacks", "memory", "latency"];

    /// <param name="only">The rows to run (all when empty); a group of rows measured together runs if any of them is asked for.</param>
    public static async Task<int> RunAsync(bool quick, IReadOnlyCollection<string> only)
    {
        ArgumentNullException.ThrowIfNull(only);
        var unknown = only.Except(Rows, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown rows: {string.Join(", ", unknown)}. Known: {string.Join(", ", Rows)}.");
            return 2;
        }
        var selected = only.Count == 0 ? Rows : [.. Rows.Where(only.Contains)];
        var settings = new AllSettings(quick);
        var results = new Dictionary<string, RowResult>(StringComparer.Ordinal);
        Task Group(string[] rows, Func<Action<RowResult>, Task> run) =>
            rows.Any(selected.Contains) ? RunGroupAsync(results, rows, run) : Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"all: every row of issue 13{(quick ? " (--quick: small sizes, short windows, a smoke check)" : "")}; {Environment.ProcessorCount} cores");
        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        ServerProcesses.Track(servers);
        try
        {
            Console.WriteLine(Invariant($"servers ready after {clock.Elapsed.TotalSeconds:F0} s: {servers.Postgres}; {servers.RabbitMq}"));
            await using var sink = await CallbackSink.StartAsync();
            await Group(["idle"], async report => report(SummaryLines.Idle(await IdleBenchmark.MeasureAsync(servers, settings.IdleWindow, settings.IdleJitSettleLimit))));
            await Group(["edge-1", "edge-32", "edge-light-32"], report => EdgeRowsAsync(servers, settings, report));
            await Group(["callbacks"], async report => report(SummaryLines.Callbacks(
                await CallbacksBenchmark.MeasureAsync(servers, sink, settings.CallbacksWindow, AllSettings.CallbackConcurrency, settings.QuietLimit))));
            await Group(["e2e"], async report => report(SummaryLines.EndToEnd(
                await EndToEndBenchmark.MeasureAsync(servers, AllSettings.EndToEndSessions, settings.EndToEndWarmUp, settings.EndToEndWindow, settings.EndToEndDrainLimit))));
            await Group(["saga-scale"], async report => report(SummaryLines.SagaScale(await SagaScaleRunsAsync(servers, settings))));
            await Group(["drain-outbox"], async report =>
            {
                var runs = new List<DrainFigure>();
                foreach (var rows in settings.DrainRows)
                    runs.Add(await OutboxDrainBenchmark.MeasureAsync(servers, rows, AllSettings.StallLimit));
                report(SummaryLines.Drain("drain-outbox", runs));
            });
            await Group(["drain-callbacks"], async report =>
            {
                var runs = new List<DrainFigure>();
                foreach (var rows in settings.DrainRows)
                    runs.Add(await CallbackDrainBenchmark.MeasureAsync(servers, sink, rows, AllSettings.CallbackConcurrency, AllSettings.StallLimit));
                report(SummaryLines.Drain("drain-callbacks", runs));
            });
            await Group(["memory"], async report => report(SummaryLines.Memory(
                await IdleSequences.MeasureOnOwnHostAsync(servers, settings.IdleSequences, settings.QuietLimit, settings.IdleSequencesLimit))));
            await Group(["latency"], async report => report(SummaryLines.Latency(
                await LatencyBenchmark.MeasureAsync(servers, sink, settings.LatencyWarmUp, settings.LatencyWindow, settings.LatencyBurst))));
        }
        finally
        {
            await servers.DisposeAsync();
        }

        Console.WriteLine(Invariant($"all: {clock.Elapsed.TotalMinutes:F1} minutes"));
        Console.WriteLine("summary:");
        foreach (var row in selected)
            Console.WriteLine(results.TryGetValue(row, out var result) ? result : new RowResult(row, "FAILED: not run"));
        return selected.Any(row => !results.TryGetValue(row, out var result) || result.Failed) ? 1 : 0;
    }

    /// <summary>
    /// Runs one group of rows (rows measured on one host, or one after the other); a row the group did not report
    /// because it threw is FAILED with the exception's message, and the exception is printed in full.
    /// </summary>
    private static async Task RunGroupAsync(Dictionary<string, RowResult> results, string[] rows, Func<Action<RowResult>, Task> run)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine();
        Console.WriteLine($"== {string.Join(", ", rows)}");
        try
        {
            await run(result => results[result.Name] = result);
        }
        catch (Exception e)
        {
            Console.WriteLine($"{string.Join(", ", rows)}: could not run: {e}");
            foreach (var row in rows.Where(r => !results.ContainsKey(r)))
                results[row] = new RowResult(row, $"FAILED: {e.GetType().Name}: {e.Message.Split('\n')[0]}", Failed: true);
        }
        Console.WriteLine(Invariant($"== {string.Join(", ", rows)}: {clock.Elapsed.TotalSeconds:F0} s"));
    }

    /// <summary>edge-1, edge-32 (WCF clients) and edge-light-32 on one host beside one baseline, as <c>edge</c> and <c>edge-light</c> do.</summary>
    private static async Task EdgeRowsAsync(ServersFixture servers, AllSettings settings, Action<RowResult> report)
    {
        await using var edge = await EdgeHost.StartAsync(servers, idleSequences: 0);
        foreach (var sessions in new[] { 1, 32 })
        {
            var figure = await EdgeBenchmark.MeasureFigureAsync(
                edge, EdgeBenchmark.WcfGenerator, sessions, EdgeBenchmark.MeasureSessionsAsync, settings.WarmUp, settings.EdgeWindow, settings.QuietLimit);
            report(SummaryLines.Edge(Invariant($"edge-{sessions}"), figure));
        }
        var light = await EdgeBenchmark.MeasureFigureAsync(
            edge, EdgeLightBenchmark.Generator, 32, EdgeLightBenchmark.MeasureSessionsAsync, settings.WarmUp, settings.EdgeWindow, settings.QuietLimit);
        report(SummaryLines.Edge("edge-light-32", light));
    }

    private static async Task<IReadOnlyList<SagaScaleFigure>> SagaScaleRunsAsync(ServersFixture servers, AllSettings settings)
    {
        var runs = new List<SagaScaleFigure>();
        foreach (var partitions in AllSettings.SagaPartitions)
            runs.Add(await SagaScaleBenchmark.MeasureAsync(servers, partitions, hosts: 1, settings.SagaItemsPerInstance, AllSettings.StallLimit));
        if (settings.SagaTwoHosts)
            runs.Add(await SagaScaleBenchmark.MeasureAsync(servers, AllSettings.SagaPartitions[^1], hosts: 2, settings.SagaItemsPerInstance, AllSettings.StallLimit));
        return runs;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
