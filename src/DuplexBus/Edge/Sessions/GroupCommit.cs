using System.Threading.Channels;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Group commit for one-way sequence messages: whatever arrived while the previous transaction was committing is
/// decided and written in the next one — the sequences locked together in id order, one commit for all — and every
/// sender is answered after that commit. Under load this turns N commits and 3N round trips into one commit and a
/// handful of round trips, without ever acknowledging before the commit. The queue is bounded
/// (<see cref="EdgeOptions.MaxGroupCommitQueue"/>): when it is full, senders wait for room, so a flood slows its
/// senders down instead of growing the host.
/// </summary>
internal sealed partial class GroupCommit(
    IServiceScopeFactory scopes,
    IDatabaseDialect dialect,
    OutboxSignal signal,
    IOptions<RmLimits> limits,
    IOptions<EdgeOptions> edge,
    TimeProvider time,
    ILogger<GroupCommit> logger) : BackgroundService
{
    private readonly Channel<GroupCommitItem> _pending = Channel.CreateBounded<GroupCommitItem>(
        new BoundedChannelOptions(edge.Value.MaxGroupCommitQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly RmLimits _limits = limits.Value;

    /// <summary>
    /// Queues a message for the next commit, waiting for room while the queue is full; the task completes once it is
    /// committed (or failed).
    /// </summary>
    public async Task<GroupCommitResult> SubmitAsync(GroupCommitItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _pending.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException("The group commit has stopped.", e);
        }
        return await item.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Messages waiting for a commit.</summary>
    internal int Queued => _pending.Reader.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<GroupCommitItem>(_limits.MaxGroupCommit);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _limits.MaxGroupCommit && _pending.Reader.TryRead(out var item))
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

    /// <summary>
    /// Commits the batch together. If that fails for a reason of one message's own (not the database being away,
    /// which would fail each of them alike), each message is committed alone, so one bad message fails only itself.
    /// </summary>
    private async Task CommitOrIsolateAsync(List<GroupCommitItem> batch, CancellationToken cancellationToken)
    {
        try
        {
            await CommitAsync(batch, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (batch.Count > 1 && !TransientFailure.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            GroupIsolating(logger, batch.Count, e);
        }
        catch (Exception e)
        {
            GroupFailed(logger, batch.Count, e);
            foreach (var item in batch)
                item.Done.TrySetException(e);
            return;
        }

        foreach (var item in batch)
        {
            try
            {
                await CommitAsync([item], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                GroupFailed(logger, 1, e);
                item.Done.TrySetException(e);
            }
        }
    }

    private async Task CommitAsync(List<GroupCommitItem> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        var store = new RmSessionStore(db, dialect);
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var ids = batch.Select(i => i.Header.Identifier).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sequences = await store.LoadManyForUpdateAsync(ids, cancellationToken).ConfigureAwait(false);

        var results = new GroupCommitResult[batch.Count];
        var delivered = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            var sequence = sequences.GetValueOrDefault(item.Header.Identifier);
            // Messages of one sequence in one batch are decided in arrival order, each on the state the previous left.
            var decision = RmDestination.Admits(sequence, item.Header.Identifier, item.Version, item.Soap, item.Addressing, item.Caller, now, _limits, out var refusal)
                ? RmDestination.Receive(sequence, item.Header, now, _limits, item.Payload.Bytes)
                : refusal;
            if (sequence is not null && (decision.State is not null || !decision.Actions.IsEmpty))
            {
                var (written, state) = await DecisionWriter.WriteAsync(decision, sequence, item.Payload, store, outbox, now, cancellationToken).ConfigureAwait(false);
                delivered += written;
                sequences[sequence.Id] = state ?? sequence;
            }
            results[i] = new GroupCommitResult(decision, sequence is null ? null : sequences[sequence.Id]);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (delivered > 0)
            signal.Notify();
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(results[i]);
    }

    [LoggerMessage(1102, LogLevel.Warning, "A group commit of {Count} messages failed on one message's own error; committing each alone")]
    private static partial void GroupIsolating(ILogger logger, int count, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "A group commit of {Count} messages failed; they are not acknowledged and will be resent")]
    private static partial void GroupFailed(ILogger logger, int count, Exception exception);
}
