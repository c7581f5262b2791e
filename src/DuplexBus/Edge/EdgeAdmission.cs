using System.Diagnostics;
using DuplexBus.Diagnostics;
using DuplexBus.Edge.Backlog;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge;

/// <summary>
/// The bound on edge requests processed at once: up to <see cref="EdgeOptions.MaxConcurrentRequests"/> run; the
/// others wait for a turn, first come first served, for at most <see cref="EdgeOptions.QueueTimeout"/>. Plain SOAP
/// requests wait only while fewer than <see cref="EdgeOptions.MaxQueuedRequests"/> of them are waiting, and are
/// turned away at once beyond that. Reliable-session messages always wait (their number is bounded by the open
/// connections and by each WCF session's window): every one turned away is a resend, and a WCF session gives up
/// after a few unanswered resends, so under a flood they must be served rather than bounced.
/// Before its turn, a message bound for the outbox passes the <see cref="BacklogGate"/>: while the consumers behind
/// the bus are too far behind, it is held (for at most <see cref="BacklogLimitOptions.MaxWait"/>), holding no turn.
/// </summary>
internal sealed class EdgeAdmission : IDisposable
{
    private readonly SemaphoreSlim _turns;
    private readonly int _maxQueued;
    private readonly TimeSpan _queueTimeout;
    private readonly BacklogGate _backlog;
    private readonly TimeSpan _backlogWait;
    private readonly TimeProvider _time;
    private readonly DuplexBusMetrics _metrics;
    private int _queued;

    public EdgeAdmission(IOptions<EdgeOptions> options, BacklogGate backlog, IOptions<BacklogLimitOptions> backlogLimit, TimeProvider time, DuplexBusMetrics metrics)
    {
        var edge = options.Value;
        _backlog = backlog;
        _backlogWait = backlogLimit.Value.MaxWait;
        _time = time;
        _metrics = metrics;
        _turns = new SemaphoreSlim(edge.MaxConcurrentRequests, edge.MaxConcurrentRequests);
        _maxQueued = edge.MaxQueuedRequests;
        _queueTimeout = edge.QueueTimeout;
    }

    /// <summary>A turn, or null when the request is turned away (the queue is full, or the wait ran out).</summary>
    /// <param name="patient">A reliable-session message: it waits whatever the queue's length.</param>
    /// <param name="toOutbox">The message will be written to the outbox: it passes the backlog gate first.</param>
    public async ValueTask<IDisposable?> EnterAsync(bool patient, bool toOutbox, CancellationToken cancellationToken)
    {
        if (toOutbox)
        {
            var started = Stopwatch.GetTimestamp();
            if (await _backlog.PassAsync(_backlogWait, _time, cancellationToken).ConfigureAwait(false))
                _metrics.EdgeBacklogWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
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
