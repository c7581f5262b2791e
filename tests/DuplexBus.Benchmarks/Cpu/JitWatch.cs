namespace DuplexBus.Benchmarks.Cpu;

/// <summary>
/// The CPU the host's tiered-compilation threads spend. The runtime starts such a thread when methods are due for
/// their next tier and ends it a few seconds after it runs dry, so two readings some seconds apart miss the threads
/// born and ended between them: this reads every thread each half second and keeps what each one reached.
/// </summary>
internal sealed class JitWatch : IAsyncDisposable
{
    private const string JitThread = ".NET Tiered Com";
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    private readonly int _pid;
    private readonly Dictionary<string, (long First, long Last)> _threads = [];
    private readonly object _sync = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private JitWatch(int pid)
    {
        _pid = pid;
        Read(atStart: true);
        _reading = ReadAsync();
    }

    public static JitWatch Start(int hostProcessId) => new(hostProcessId);

    /// <summary>CPU seconds the JIT's threads spent since the start (one more reading is taken first).</summary>
    public double Seconds()
    {
        Read(atStart: false);
        lock (_sync)
            return _threads.Values.Sum(t => t.Last - t.First) / ProcStat.TicksPerSecond;
    }

    private async Task ReadAsync()
    {
        using var ticks = new PeriodicTimer(Every);
        try
        {
            while (await ticks.WaitForNextTickAsync(_stop.Token))
                Read(atStart: false);
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Read(bool atStart)
    {
        IEnumerable<string> tasks;
        try
        {
            tasks = Directory.EnumerateDirectories($"/proc/{_pid}/task").ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }
        foreach (var task in tasks)
        {
            if (ProcStat.Read(task) is not { Command: JitThread } thread)
                continue;
            var id = Path.GetFileName(task);
            lock (_sync)
            {
                // A thread first seen after the start was born after it: all it spent counts.
                _threads[id] = _threads.TryGetValue(id, out var known) ? (known.First, thread.Ticks) : (atStart ? thread.Ticks : 0, thread.Ticks);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
