namespace DuplexBus.Persistence;

/// <summary>
/// How long a worker that is woken for its own work waits before it looks for work nobody woke it for (rows of other
/// processes, crash leftovers): the poll interval while passes find work, doubling with each pass in a row that finds
/// none, up to the idle interval. An idle host then costs a few statements a minute instead of one a second.
/// </summary>
public sealed class IdlePolling
{
    private TimeSpan _next;

    /// <param name="busy">The wait after a pass that found work.</param>
    /// <param name="idle">The longest wait; shorter than <paramref name="busy"/> means no growth.</param>
    public IdlePolling(TimeSpan busy, TimeSpan idle)
    {
        Shortest = busy;
        Longest = idle > busy ? idle : busy;
        _next = busy;
    }

    /// <summary>The poll interval: the wait while passes find work.</summary>
    public TimeSpan Shortest { get; }

    /// <summary>The idle interval: the wait once passes have found nothing for a while.</summary>
    public TimeSpan Longest { get; }

    /// <summary>The wait after a pass that found work (or could not tell): back to the poll interval.</summary>
    public TimeSpan Busy()
    {
        _next = Shortest;
        return Shortest;
    }

    /// <summary>The wait after a pass that found nothing; the one after the next empty pass is twice as long.</summary>
    public TimeSpan Empty()
    {
        var wait = _next;
        _next = wait >= Longest / 2 ? Longest : wait * 2;
        return wait;
    }
}
