using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge;

/// <summary>
/// The bound on edge requests processed at once: up to <see cref="EdgeOptions.MaxConcurrentRequests"/> run,
/// up to <see cref="EdgeOptions.MaxQueuedRequests"/> wait in arrival order for at most
/// <see cref="EdgeOptions.QueueTimeout"/>, the rest are turned away at once.
/// </summary>
internal sealed class EdgeAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _queueTimeout;

    public EdgeAdmission(IOptions<EdgeOptions> options)
    {
        var edge = options.Value;
        _queueTimeout = edge.QueueTimeout;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = edge.MaxConcurrentRequests,
            QueueLimit = edge.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>A turn, or null when the queue is full or the wait ran out (the caller turns the request away).</summary>
    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
            return lease;
        lease.Dispose();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_queueTimeout);
        try
        {
            lease = await _limiter.AcquireAsync(1, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        if (lease.IsAcquired)
            return lease;
        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
