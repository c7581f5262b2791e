using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Benchmarks.Work;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Benchmarks.SagaScale;

/// <summary>
/// How the saga's throughput grows with partitions. For each run a fresh database and virtual host, and a host started
/// once with <c>Samples__Work__SagaPartitions</c> so the partitions are declared; then, with the host stopped, a backlog
/// of AddItems over <see cref="Instances"/> instances is put straight into the partition queues (see
/// <see cref="SagaBacklog"/>), and the host starts again and drains it. The rate is from the first applied item to the
/// last, with nothing for the relay to do: the saga's own. Every instance must end with all its items, in order.
/// </summary>
internal static class SagaScaleBenchmark
{
    public const int Instances = 64;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly Regex PartitionQueue = new("^work-state-p[0-9]+$", RegexOptions.CultureInvariant);

    /// <param name="hosts">1, or 2: a second host on the same database and virtual host.</param>
    public static async Task<SagaScaleFigure> MeasureAsync(ServersFixture servers, int partitions, int hosts, int itemsPerInstance, TimeSpan stallLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hosts, 2);
        var (options, database) = await ProductionHost.OptionsAsync(servers, $"saga_scale_{partitions}");
        options.Environment["Samples__Work__SagaPartitions"] = partitions.ToString(CultureInfo.InvariantCulture);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database);
            await using var host = await HostProcess.StartAsync(options);
            var amqp = options.Environment["ConnectionStrings__RabbitMq"];
            var backlog = await SagaBacklog.CaptureAsync(host, amqp, dataSource);
            await host.StopAsync();

            var instances = Enumerable.Range(0, Instances).Select(_ => Guid.NewGuid()).ToArray();
            var items = Instances * itemsPerInstance;
            await backlog.PublishAsync(amqp, instances, itemsPerInstance);
            var appliedBefore = await WorkStates.AppliedAsync(dataSource);
            var queued = await Eventually.Until(
                async () => (await servers.RabbitMq.QueueMessagesAsync(amqp)).Where(q => PartitionQueue.IsMatch(q.Key)).OrderBy(q => q.Key, StringComparer.Ordinal).ToList(),
                queues => queues.Sum(q => q.Value) == items, TimeSpan.FromSeconds(15), $"{items} messages in the partition queues");
            Console.WriteLine($"saga-scale: {items} AddItems queued over {partitions} partitions: {string.Join(", ", queued.Select(q => $"{q.Key} {q.Value}"))}");

            // Both hosts start together, so neither starts up beside the other's drain.
            var secondStarting = hosts == 2 ? StartAsync(options) : Task.FromResult<HostProcess?>(null);
            try
            {
                await host.RestartAsync();
            }
            catch
            {
                if (await secondStarting is { } started)
                    await started.DisposeAsync();
                throw;
            }
            await using var second = await secondStarting;
            int[] pids = second is null ? [host.ProcessId] : [host.ProcessId, second.ProcessId];
            var cpuBefore = pids.Select(CpuUse.ProcessSeconds).ToArray();
            var cpu = CpuUse.Start(host.ProcessId);
            var figure = await DrainAsync(dataSource, partitions, hosts, items, appliedBefore, stallLimit);
            var cpuUse = new LoadResult("saga-scale", partitions, items, TimeSpan.Zero, double.NaN, double.NaN) { CpuSeconds = cpu.Spent(), CpuReport = cpu.Report(items) };
            var problems = await WorkStates.ProblemsAsync(dataSource, instances.ToDictionary(i => i, _ => (long)itemsPerInstance));
            figure = figure with { Problems = problems, Cpu = cpuUse, HostCpuSeconds = [.. pids.Select((pid, i) => CpuUse.ProcessSeconds(pid) - cpuBefore[i])] };
            Console.WriteLine(figure);
            return figure;
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }

    private static async Task<HostProcess?> StartAsync(HostProcessOptions options) => await HostProcess.StartAsync(options);

    private static async Task<SagaScaleFigure> DrainAsync(NpgsqlDataSource dataSource, int partitions, int hosts, int items, long appliedBefore, TimeSpan stallLimit)
    {
        var clock = Stopwatch.StartNew();
        (TimeSpan At, long Applied)? first = null;
        var progress = (Applied: 0L, At: TimeSpan.Zero);
        while (true)
        {
            var applied = await WorkStates.AppliedAsync(dataSource) - appliedBefore;
            var at = clock.Elapsed;
            if (applied > 0)
                first ??= (at, applied);
            if (applied >= items)
            {
                var (firstAt, firstApplied) = first!.Value;
                var rate = firstAt == at ? double.NaN : (applied - firstApplied) / (at - firstAt).TotalSeconds;
                return new SagaScaleFigure(partitions, hosts, items, rate, firstAt, at, []);
            }
            if (applied > progress.Applied)
                progress = (applied, at);
            else if (at - progress.At > stallLimit)
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The saga stalled at {applied} of {items} items applied: none for {stallLimit.TotalSeconds:F0} s."));
            await Task.Delay(Poll);
        }
    }
}
