using System.Globalization;

namespace DuplexBus.Benchmarks.Idle;

/// <summary>
/// CPU of an idle period, as percentages of one core, and the host's busiest threads in it. <paramref name="JitPercent"/>
/// is the part of the host's that went to compiling methods to their next tier: it ends once the JIT has settled.
/// </summary>
internal sealed record IdleFigure(TimeSpan Duration, bool JitSettled, double HostPercent, double JitPercent, double PostgresPercent, double RabbitMqPercent, string HostThreads)
{
    public void Print()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle: {HostPercent:F2} % of a core (JIT {JitPercent:F2} %), target < 1 %; postgres {PostgresPercent:F2} %, rabbitmq {RabbitMqPercent:F2} % ({Duration.TotalSeconds:F0} s, {(JitSettled ? "JIT settled" : "JIT not settled")})"));
        Console.WriteLine($"  host threads: {HostThreads}");
    }
}
