using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks;

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
        try
        {
            var (options, _) = await ProductionHost.OptionsAsync(servers, "idle");
            await using var host = await HostProcess.StartAsync(options);
            await CpuUse.WaitForQuietHostAsync(host.ProcessId, TimeSpan.FromMinutes(2));
            // Start-up is not idle: the polling loops keep promoting methods through the JIT's tiers for a minute or so.
            await CpuUse.WaitForSettledJitAsync(host.ProcessId, TimeSpan.FromMinutes(3));

            var cpu = CpuUse.Start(host.ProcessId);
            await Task.Delay(duration);
            var spent = cpu.Spent();

            string Share(string part) => (100.0 * spent[part] / duration.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"idle: {Share("host")} % of a core, target < 1 %; postgres {Share("postgres")} %, rabbitmq {Share("rabbitmq")} % ({duration.TotalSeconds:F0} s, JIT settled)");
            Console.WriteLine($"  host threads: {cpu.BusiestThreads()}");
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }
}
