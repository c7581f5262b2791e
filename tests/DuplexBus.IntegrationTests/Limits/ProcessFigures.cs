using System.Globalization;

namespace DuplexBus.IntegrationTests.Limits;

/// <summary>Memory and CPU of a process, read from /proc: VmRSS and VmHWM in bytes, utime + stime in seconds.</summary>
public sealed record ProcessFigures(long Rss, long PeakRss, double CpuSeconds)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static ProcessFigures Of(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kilobytes(line) * 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                hwm = Kilobytes(line) * 1024;
        }

        // Fields after the command (which may hold spaces) start after its closing parenthesis; utime and stime are 14 and 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessFigures(rss, hwm, ticks / TicksPerSecond);
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
