using DuplexBus.Benchmarks.Cpu;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Idle;

/// <summary>
/// What the production host (PostgreSQL + RabbitMQ) spends with no traffic at all, once started and settled: the
/// share of one core, and the threads it went to, so a burn has a name.
/// </summary>
internal static class IdleBenchmark
{
    public static async Task RunAsync(TimeSpan duration, TimeSpan jitSettleLimit)
    {
        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        ServerProcesses.Track(servers);
        try
        {
            await MeasureAsync(servers, duration, jitSettleLimit);
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
            // Start-up is not idle: the polling loops keep promoting methods through the JIT's tiers for some minutes
            // (a method called once per poll reaches its last tier after some 60 polls).
            var settled = await CpuUse.WaitForSettledJitAsync(host.ProcessId, jitSettleLimit, coreShare: 0.001);

            var cpu = CpuUse.Start(host.ProcessId);
            double jitSeconds;
            await using (var jit = JitWatch.Start(host.ProcessId))
            {
                await Task.Delay(duration);
                jitSeconds = jit.Seconds();
            }
            var spent = cpu.Spent();

            double Share(double seconds) => 100.0 * seconds / duration.TotalSeconds;
            var figure = new IdleFigure(duration, settled, Share(spent["host"]), Share(jitSeconds), Share(spent["postgres"]), Share(spent["rabbitmq"]), cpu.BusiestThreads());
            figure.Print();
            return figure;
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }
}
