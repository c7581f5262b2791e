using System.Globalization;
using System.Text;

namespace DuplexBus.Benchmarks.Cpu;

/// <summary>
/// CPU time spent by each part of a run (the host, this load-generating process, PostgreSQL, RabbitMQ, the rest of
/// the machine), read from /proc before and after, so a throughput figure says where its cores went.
/// </summary>
internal sealed class CpuUse
{
    private const double TicksPerSecond = ProcStat.TicksPerSecond;

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
        if (!await TryWaitForQuietHostAsync(hostProcessId, timeout))
            throw new TimeoutException($"The host was still busy after {timeout.TotalSeconds:F0} s.");
    }

    /// <summary>As <see cref="WaitForQuietHostAsync"/>, but false instead of an exception when the host is still busy at the end.</summary>
    public static async Task<bool> TryWaitForQuietHostAsync(int hostProcessId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var before = Sample(hostProcessId)["host"];
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Sample(hostProcessId)["host"];
            if (now - before < TicksPerSecond / 20)
                return true;
            before = now;
        }
        return false;
    }

    /// <summary>
    /// Waits until the host's tiered-compilation threads have spent under <paramref name="coreShare"/> of a core for
    /// ten seconds in a row: the JIT has compiled what the current load runs at its final tier. False when it had not
    /// by the timeout.
    /// </summary>
    /// <param name="timeout">Zero: do not wait at all.</param>
    /// <param name="coreShare">A hundredth under load, where the JIT's last promotions cost little beside the work; a
    /// thousandth for an idle host, where they would be most of what it spends.</param>
    public static async Task<bool> WaitForSettledJitAsync(int hostProcessId, TimeSpan timeout, double coreShare = 0.01)
    {
        if (timeout <= TimeSpan.Zero)
            return false;
        var window = TimeSpan.FromSeconds(10);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var jit = JitWatch.Start(hostProcessId);
            await Task.Delay(window);
            if (jit.Seconds() < window.TotalSeconds * coreShare)
                return true;
        }
        Console.WriteLine($"  (the host's JIT was still busy after {timeout.TotalSeconds:F0} s of warm-up; measuring anyway)");
        return false;
    }

    /// <summary>CPU seconds (user + system) one process has spent since it started; 0 once it has ended.</summary>
    public static double ProcessSeconds(int pid) => (ProcStat.Read($"/proc/{pid}")?.Ticks ?? 0) / TicksPerSecond;

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
            if (ProcStat.Read(task) is { } thread)
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

    /// <summary>
    /// Ticks by part. The servers and the rest of the machine also count the ticks of children that ended and were
    /// reaped (PostgreSQL's backends of closed connections; another test run's processes), so a process that ends
    /// between two samples does not take its ticks with it; the host and this process are counted alone (this process
    /// reaps the hosts it stopped).
    /// </summary>
    private static Dictionary<string, long> Sample(int hostProcessId)
    {
        var self = Environment.ProcessId;
        var all = new Dictionary<int, ProcStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ProcStat.Read(directory) is { } stat)
                all[pid] = stat;
        }
        var servers = ServerProcesses.Current;
        var parts = new Dictionary<string, long> { ["host"] = 0, ["client"] = 0, ["postgres"] = 0, ["rabbitmq"] = 0, ["other"] = 0 };
        foreach (var (pid, stat) in all)
        {
            if (pid == hostProcessId)
                parts["host"] += stat.Ticks;
            else if (pid == self)
                parts["client"] += stat.Ticks;
            else if (servers.PartOf(pid, stat, all) is { } server)
                parts[server] += stat.Ticks + stat.ReapedChildTicks;
            else
                parts["other"] += stat.Ticks + stat.ReapedChildTicks;
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
