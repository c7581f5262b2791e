using System.Threading.Channels;

namespace DuplexBus.Callbacks;

/// <summary>
/// How many callbacks one dispatcher may hold claimed and not yet recorded. Large enough that its senders never wait
/// for the next claim, and claims come in big batches (one statement each); small enough that the senders, at the
/// pace attempts take now, finish what it holds within a quarter of the lease, so no lease runs out in this host's
/// queue and no other host sends the same callback again. Fast receivers open the window up to
/// <see cref="MaxHeld"/>; slow or timing-out ones close it down to two callbacks per sender.
/// </summary>
public sealed class ClaimWindow
{
    /// <summary>The most callbacks held at once, whatever the pace.</summary>
    public const int MaxHeld = 1024;

    /// <summary>The most callbacks leased by one claim statement.</summary>
    public const int MaxClaim = 256;

    // A new attempt counts for a tenth: steady under jitter, yet a receiver that turns slow closes the window within
    // a few dozen attempts.
    private const double Smoothing = 0.1;

    private readonly int _concurrency;
    private readonly double _budgetSeconds;
    private readonly Channel<byte> _freed = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _paceLock = new();
    private double _attemptSeconds;
    private int _held;

    public ClaimWindow(int concurrency, TimeSpan lease, TimeSpan attemptTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _concurrency = concurrency;
        _budgetSeconds = lease.TotalSeconds / 4;
        // Until attempts have been timed, assume each takes its whole timeout: the window starts at its floor.
        _attemptSeconds = Math.Max(attemptTimeout.TotalSeconds, 1e-6);
    }

    /// <summary>Callbacks claimed and not yet recorded.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>The most this dispatcher should hold at the current pace.</summary>
    public int Limit
    {
        get
        {
            double seconds;
            lock (_paceLock)
                seconds = _attemptSeconds;
            var finishable = _concurrency * _budgetSeconds / seconds;
            return (int)Math.Clamp(finishable, 2.0 * _concurrency, Math.Max(MaxHeld, 2 * _concurrency));
        }
    }

    /// <summary>
    /// How many to claim now: nothing until at least half the window is free, so claims stay large while the
    /// senders work off what is held.
    /// </summary>
    public int ToClaim()
    {
        var limit = Limit;
        var room = limit - Held;
        return room >= Math.Max(1, limit / 2) ? Math.Min(room, MaxClaim) : 0;
    }

    public void Claimed(int count) => Interlocked.Add(ref _held, count);

    /// <summary>Records that <paramref name="count"/> held callbacks were recorded (or given up) and wakes the claimer.</summary>
    public void Released(int count)
    {
        Interlocked.Add(ref _held, -count);
        _freed.Writer.TryWrite(0);
    }

    /// <summary>Folds one attempt's duration into the pace the window is sized by.</summary>
    public void Observe(TimeSpan attempt)
    {
        lock (_paceLock)
            _attemptSeconds += Smoothing * (Math.Max(attempt.TotalSeconds, 1e-6) - _attemptSeconds);
    }

    /// <summary>Waits until <see cref="ToClaim"/> has something to claim.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (ToClaim() == 0)
            await _freed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
