using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Idle;

/// <summary>
/// What the production host (PostgreSQL + RabbitMQ) spends with no traffic at all, once started and settled: the
/// share of one core, and the threads it went to, so a burn has a name.
/// </summary>
internal static class IdleBenchmark
{
    public static async Task RunAsync(TimeSpan duration)
    {
        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        ServerProcesses.Track(servers);
        try
        {
            await MeasureAsync(servers, duration, TimeSpan.FromMinutes(3));
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts a host of its own, waits until it is quiet and its JIT has settled (for at most
    /// <paramref name="jitSettleLimit"/>), then measures for <paramref name="duration"/>; printed and returned.
    /// </summary>
    public static async Task<IdleFigure> MeasureAsync(ServersFixture servers, TimeSpan duration, TimeSpan jitSettleLimit)
    {
        var (options, database) = await ProductionHost.OptionsAsync(servers, "idle");
        try
        {
            await using var host = await HostProcess.StartAsync(options);
            await CpuUse.WaitForQuietHostAsync(host.ProcessId, TimeSpan.FromMinutes(2));
            // Start-up is not idle: the polling loops keep promoting methods through the JIT's tiers for a minute or so.
            var settled = await CpuUse.WaitForSettledJitAsync(host.ProcessId, jitSettleLimit);

            var cpu = CpuUse.Start(host.ProcessId);
            await Task.Delay(duration);
            var spent = cpu.Spent();

            double Share(string part) => 100.0 * spent[part] / duration.TotalSeconds;
            var figure = new IdleFigure(duration, settled, Share("host"), Share("postgres"), Share("rabbitmq"), cpu.BusiestThreads());
            figure.Print();
            return figure;
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }
}
