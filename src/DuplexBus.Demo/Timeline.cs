using System.Diagnostics;
using System.Globalization;

namespace DuplexBus.Demo;

/// <summary>Prints each step with the time since the demo started: <c>+1.23s  what happened</c>.</summary>
public sealed class Timeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public void Write(string line)
    {
        var elapsed = _clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        lock (_gate)
            Console.Out.WriteLine($"+{elapsed}s  {line}");
    }

    public void Fail(string line)
    {
        var elapsed = _clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        lock (_gate)
            Console.Error.WriteLine($"+{elapsed}s  FAILED: {line}");
    }
}
