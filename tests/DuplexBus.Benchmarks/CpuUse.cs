using System.Globalization;
using System.Text;

namespace DuplexBus.Benchmarks;

/// <summary>
/// CPU time spent by each part of a run (the host, this load-generating process, PostgreSQL, RabbitMQ, the rest of
/// the machine), read from /proc before and after, so a throughput figure says where its cores went.
/// </summary>
internal sealed class CpuUse
{
    // USER_HZ is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly int _hostProcessId;
    private readonly Dictionary<string, long> _start;
    private readonly long _machineBusyStart;
    private readonly long _machineTotalStart;

    private CpuUse(int hostProcessId)
    {
        _hostProcessId = hostProcessId;
        _start = Sample(hostProcessId);
        (_machineBusyStart, _machineTotalStart) = MachineTicks();
    }

    public static CpuUse Start(int hostProcessId) => new(hostProcessId);

    /// <summary>
    /// Waits until the host has worked off what a run left queued (its CPU use over a second falls under a twentieth of
    /// a core), so that backlog does not eat into the next measurement.
    /// </summary>
    public static async Task WaitForQuietHostAsync(int hostProcessId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var before = Sample(hostProcessId)["host"];
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Sample(hostProcessId)["host"];
            if (now - before < TicksPerSecond / 20)
                return;
            before = now;
        }
        throw new TimeoutException($"The host was still busy after {timeout.TotalSeconds:F0} s.");
    }

    /// <summary>CPU milliseconds per <paramref name="per"/> operations, by part, and how busy the machine was.</summary>
    public string Report(long operations, int per = 1000)
    {
        var end = Sample(_hostProcessId);
        var (busy, total) = MachineTicks();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"  cpu ms per {per} msgs:");
        foreach (var (part, ticks) in end)
        {
            var spent = ticks - _start.GetValueOrDefault(part);
            text.Append(CultureInfo.InvariantCulture, $" {part}={spent * 1000 / TicksPerSecond * per / Math.Max(1, operations):F0}");
        }
        var cores = Environment.ProcessorCount;
        text.Append(CultureInfo.InvariantCulture, $"; machine busy {100.0 * (busy - _machineBusyStart) / Math.Max(1, total - _machineTotalStart):F0}% of {cores} cores");
        return text.ToString();
    }

    private static Dictionary<string, long> Sample(int hostProcessId)
    {
        var self = Environment.ProcessId;
        var parts = new Dictionary<string, long> { ["host"] = 0, ["client"] = 0, ["postgres"] = 0, ["rabbitmq"] = 0, ["other"] = 0 };
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended between listing and reading
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // comm is in parentheses and may contain spaces; the fields after it are fixed.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var command = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var part = pid == hostProcessId ? "host"
                : pid == self ? "client"
                : command.StartsWith("postgres", StringComparison.Ordinal) ? "postgres"
                : command is "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" ? "rabbitmq"
                : "other";
            parts[part] += ticks;
        }
        return parts;
    }

    private static (long Busy, long Total) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = cpu[3] + cpu[4];
        var total = cpu.Take(8).Sum();
        return (total - idle, total);
    }
}
