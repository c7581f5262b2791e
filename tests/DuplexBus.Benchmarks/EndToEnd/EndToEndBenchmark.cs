using System.Diagnostics;
using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Benchmarks.Edge;
using DuplexBus.Benchmarks.Light;
using DuplexBus.Benchmarks.Work;
using DuplexBus.Testing;
using DuplexBus.Testing.LightRm;
using Npgsql;

namespace DuplexBus.Benchmarks.EndToEnd;

/// <summary>
/// Do the sagas keep up with the edge? The light generator keeps N WS-RM sessions busy (each its own instance,
/// AddItem 1..n) against the production host; over one window after a warm-up it counts items acknowledged at the edge
/// and items applied by the saga (the sum of <c>item_count</c>, read at both ends of the window). Then the load stops
/// and it waits for the backlog to drain, and checks every instance: all its acknowledged items applied, in order.
/// </summary>
internal static class EndToEndBenchmark
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <param name="drainLimit">How long to wait for the backlog after the load stopped.</param>
    public static async Task<EndToEndFigure> MeasureAsync(ServersFixture servers, int sessions, TimeSpan warmUp, TimeSpan window, TimeSpan drainLimit)
    {
        var (options, database) = await ProductionHost.OptionsAsync(servers, "e2e");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database);
            await using var host = await HostProcess.StartAsync(options);
            using var generator = await LightRmGenerator.OpenAsync(EdgeBenchmark.Service(host), sessions);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, sessions).Select(session => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                    await generator.SendAsync(session);
            })).ToArray();

            await Task.Delay(warmUp);
            var (ackedBefore, appliedBefore) = (generator.Acknowledged, await WorkStates.AppliedAsync(dataSource));
            var cpu = CpuUse.Start(host.ProcessId);
            var clock = Stopwatch.StartNew();
            await Task.Delay(window);
            var (ackedAfter, appliedAfter) = (generator.Acknowledged, await WorkStates.AppliedAsync(dataSource));
            var elapsed = clock.Elapsed;
            var acknowledgedInWindow = ackedAfter - ackedBefore;
            var cpuUse = new LoadResult("e2e", sessions, acknowledgedInWindow, elapsed, double.NaN, double.NaN)
            {
                CpuSeconds = cpu.Spent(),
                CpuReport = cpu.Report(acknowledgedInWindow),
            };
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var acked = generator.Acknowledged;
            var (applied, drained) = await WaitForDrainAsync(dataSource, acked, drainLimit);
            await generator.EndAsync();
            Console.WriteLine(EdgeLightBenchmark.Report(generator));

            var problems = new List<string>();
            if (generator.ErrorCount > 0)
                problems.Add($"{generator.ErrorCount} wrong answers from the edge (see the generator's report)");
            var expected = generator.Sessions.ToDictionary(s => s.InstanceId, s => s.Acknowledged);
            var instanceProblems = await WorkStates.ProblemsAsync(dataSource, expected);
            // Undrained, the counts fall short by the backlog; the order must still hold.
            problems.AddRange(drained is null ? instanceProblems.Where(p => p.EndsWith("out of order", StringComparison.Ordinal)) : instanceProblems);

            var figure = new EndToEndFigure(
                sessions, elapsed, acknowledgedInWindow / elapsed.TotalSeconds, (appliedAfter - appliedBefore) / elapsed.TotalSeconds,
                acked, applied, drained, problems, cpuUse);
            Console.WriteLine(figure);
            return figure;
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }

    /// <summary>Waits until every acknowledged item is applied; the time that took, or null when it had not after <paramref name="limit"/>.</summary>
    private static async Task<(long Applied, TimeSpan? Drained)> WaitForDrainAsync(NpgsqlDataSource dataSource, long acked, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var applied = await WorkStates.AppliedAsync(dataSource);
            if (applied >= acked)
                return (applied, clock.Elapsed);
            if (clock.Elapsed > limit)
                return (applied, null);
            await Task.Delay(Poll);
        }
    }
}
