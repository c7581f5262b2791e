using System.Globalization;

namespace DuplexBus.Benchmarks.Cpu;

/// <summary>What <c>/proc/&lt;pid&gt;/stat</c> (or a thread's <c>task/&lt;tid&gt;/stat</c>) says about CPU: in clock ticks.</summary>
/// <param name="Ticks">User + system time of the process (or thread) itself.</param>
/// <param name="ReapedChildTicks">User + system time of its children that have ended and been waited for.</param>
internal sealed record ProcStat(string Command, int ParentId, long Ticks, long ReapedChildTicks)
{
    /// <summary>USER_HZ is 100 on every Linux ABI .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>The entry of <paramref name="directory"/>, or null if it ended between listing and reading.</summary>
    public static ProcStat? Read(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // comm is in parentheses and may contain spaces; the fields after it are fixed (state is the first).
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return new ProcStat(stat[(open + 1)..close], (int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
    }
}
