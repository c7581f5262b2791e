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
    private readonly Dictionary<string, long> _hostThreadsStart;

    private CpuUse(int hostProcessId)
    {
        _hostProcessId = hostProcessId;
        _start = Sample(hostProcessId);
        (_machineBusyStart, _machineTotalStart) = MachineTicks();
        _hostThreadsStart = ThreadTicks(hostProcessId);
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

    /// <summary>
    /// Waits until the host's tiered-compilation thread has spent under 1 % of a core for five seconds in a row: the
    /// JIT has compiled the hot paths of the current load at their final tier.
    /// </summary>
    public static async Task WaitForSettledJitAsync(int hostProcessId, TimeSpan timeout)
    {
        var window = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + timeout;
        var before = JitThreadTicks(hostProcessId);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(window);
            var now = JitThreadTicks(hostProcessId);
            // The runtime ends the thread when it has nothing to do and starts a new one later: compare thread by thread.
            var spent = now.Sum(t => t.Value - before.GetValueOrDefault(t.Key));
            if (spent < window.TotalSeconds * TicksPerSecond / 100)
                return;
            before = now;
        }
        Console.WriteLine($"  (the host's JIT was still busy after {timeout.TotalSeconds:F0} s of warm-up; measuring anyway)");
    }

    private static Dictionary<string, long> JitThreadTicks(int pid)
    {
        var ticks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var task in TaskDirectories(pid))
        {
            if (ReadTicks(task) is { Command: ".NET Tiered Com" } thread)
                ticks[Path.GetFileName(task)] = thread.Ticks;
        }
        return ticks;
    }

    /// <summary>CPU seconds spent since the start, by part.</summary>
    public IReadOnlyDictionary<string, double> Spent() =>
        Sample(_hostProcessId).ToDictionary(p => p.Key, p => (p.Value - _start.GetValueOrDefault(p.Key)) / TicksPerSecond);

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
        text.Append(Environment.NewLine).Append("  host threads: ").Append(BusiestThreads());
        return text.ToString();
    }

    /// <summary>The host's threads that spent the most since the start (threads of one name summed), so a burn has a name.</summary>
    public string BusiestThreads()
    {
        var busiest = ThreadTicks(_hostProcessId)
            .Select(t => (Name: t.Key, Ticks: t.Value - _hostThreadsStart.GetValueOrDefault(t.Key)))
            .Where(t => t.Ticks > 0)
            .OrderByDescending(t => t.Ticks)
            .Take(8)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Ticks * 1000 / TicksPerSecond:F0} ms"));
        return string.Join(", ", busiest);
    }

    private static Dictionary<string, long> ThreadTicks(int pid)
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var task in TaskDirectories(pid))
        {
            if (ReadTicks(task) is { } thread)
                byName[thread.Command] = byName.GetValueOrDefault(thread.Command) + thread.Ticks;
        }
        return byName;
    }

    private static List<string> TaskDirectories(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>The command name and user + system ticks of a /proc entry (process or thread), or null if it ended.</summary>
    private static (string Command, long Ticks)? ReadTicks(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended between listing and reading
        }
        // comm is in parentheses and may contain spaces; the fields after it are fixed.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, long> Sample(int hostProcessId)
    {
        var self = Environment.ProcessId;
        var parts = new Dictionary<string, long> { ["host"] = 0, ["client"] = 0, ["postgres"] = 0, ["rabbitmq"] = 0, ["other"] = 0 };
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            if (ReadTicks(directory) is not { } process)
                continue;
            var (command, ticks) = process;
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
