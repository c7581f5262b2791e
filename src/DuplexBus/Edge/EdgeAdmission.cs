using Microsoft.Extensions.Options;

namespace DuplexBus.Edge;

/// <summary>
/// The bound on edge requests processed at once: up to <see cref="EdgeOptions.MaxConcurrentRequests"/> run; the
/// others wait for a turn, first come first served, for at most <see cref="EdgeOptions.QueueTimeout"/>. Plain SOAP
/// requests wait only while fewer than <see cref="EdgeOptions.MaxQueuedRequests"/> of them are waiting, and are
/// turned away at once beyond that. Reliable-session messages always wait (their number is bounded by the open
/// connections and by each WCF session's window): every one turned away is a resend, and a WCF session gives up
/// after a few unanswered resends, so under a flood they must be served rather than bounced.
/// </summary>
internal sealed class EdgeAdmission : IDisposable
{
    private readonly SemaphoreSlim _turns;
    private readonly int _maxQueued;
    private readonly TimeSpan _queueTimeout;
    private int _queued;

    public EdgeAdmission(IOptions<EdgeOptions> options)
    {
        var edge = options.Value;
        _turns = new SemaphoreSlim(edge.MaxConcurrentRequests, edge.MaxConcurrentRequests);
        _maxQueued = edge.MaxQueuedRequests;
        _queueTimeout = edge.QueueTimeout;
    }

    /// <summary>A turn, or null when the request is turned away (the queue is full, or the wait ran out).</summary>
    /// <param name="patient">A reliable-session message: it waits whatever the queue's length.</param>
    public async ValueTask<IDisposable?> EnterAsync(bool patient, CancellationToken cancellationToken)
    {
        if (_turns.Wait(0, CancellationToken.None))
            return new Turn(_turns);
        if (!patient && Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            return null;
        }
        try
        {
            return await _turns.WaitAsync(_queueTimeout, cancellationToken).ConfigureAwait(false) ? new Turn(_turns) : null;
        }
        finally
        {
            if (!patient)
                Interlocked.Decrement(ref _queued);
        }
    }

    public void Dispose() => _turns.Dispose();

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                turns.Release();
        }
    }
}
