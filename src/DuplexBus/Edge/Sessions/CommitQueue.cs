using System.Threading.Channels;
using DuplexBus.Resilience;
using Microsoft.Extensions.Hosting;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Group commit: whatever arrived while the previous transaction was committing is written in the next one, and every
/// sender is answered after that commit, never before. The queue is bounded: when it is full, senders wait for room, so
/// a flood slows its senders down instead of growing the host. One failing item does not fail the others: a batch that
/// fails for a reason of its own (not the database being away, which would fail each of them alike) is committed again
/// one item at a time.
/// </summary>
internal abstract class CommitQueue<TItem, TResult>(int capacity, int maxBatch) : BackgroundService
    where TItem : CommitQueueItem<TResult>
{
    private readonly Channel<TItem> _pending = Channel.CreateBounded<TItem>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Items waiting for a commit.</summary>
    internal int Queued => _pending.Reader.Count;

    /// <summary>
    /// Queues an item for the next commit, waiting for room while the queue is full; the task completes once it is
    /// committed (or failed).
    /// </summary>
    public async Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _pending.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException($"The {GetType().Name} queue has stopped.", e);
        }
        return await item.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits one item in a transaction of its own (group commit off).</summary>
    public async Task<TResult> CommitAloneAsync(TItem item, CancellationToken cancellationToken)
    {
        await CommitOrIsolateAsync([item], cancellationToken).ConfigureAwait(false);
        return await item.Done.Task.ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TItem>(maxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < maxBatch && _pending.Reader.TryRead(out var item))
                    batch.Add(item);
                await CommitOrIsolateAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _pending.Writer.TryComplete();
            while (_pending.Reader.TryRead(out var left))
                left.Done.TrySetCanceled(stoppingToken);
        }
    }

    /// <summary>Writes the batch in one transaction and, after its commit, sets each item's outcome.</summary>
    protected abstract Task CommitAsync(IReadOnlyList<TItem> batch, CancellationToken cancellationToken);

    /// <summary>Whether a lone item's failure is an outcome its sender is answered with, rather than an error.</summary>
    protected virtual bool IsOutcome(Exception error, out TResult outcome)
    {
        outcome = default!;
        return false;
    }

    protected abstract void LogIsolating(int count, Exception error);

    protected abstract void LogFailed(int count, Exception error);

    private async Task CommitOrIsolateAsync(List<TItem> batch, CancellationToken cancellationToken)
    {
        var outcome = default(TResult)!;
        try
        {
            await CommitAsync(batch, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (batch.Count == 1 && IsOutcome(e, out outcome))
        {
            batch[0].Done.TrySetResult(outcome);
            return;
        }
        catch (Exception e) when (batch.Count > 1 && !TransientFailure.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            LogIsolating(batch.Count, e);
        }
        catch (Exception e)
        {
            LogFailed(batch.Count, e);
            foreach (var item in batch)
                item.Done.TrySetException(e);
            return;
        }

        foreach (var item in batch)
            await CommitOrIsolateAsync([item], cancellationToken).ConfigureAwait(false);
    }
}
