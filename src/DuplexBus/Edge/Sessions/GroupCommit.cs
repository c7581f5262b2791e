using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Group commit for one-way sequence messages: whatever arrived while the previous transaction was committing is
/// decided and written in the next one — the sequences locked together in id order, one commit for all — and every
/// sender is answered after that commit (<see cref="CommitQueue{TItem,TResult}"/>). Under load this turns N commits
/// and 3N round trips into one commit and a handful of round trips, without ever acknowledging before the commit.
/// </summary>
internal sealed partial class GroupCommit(
    IServiceScopeFactory scopes,
    IDatabaseDialect dialect,
    OutboxSignal signal,
    IOptions<RmLimits> limits,
    IOptions<EdgeOptions> edge,
    TimeProvider time,
    ILogger<GroupCommit> logger)
    : CommitQueue<GroupCommitItem, GroupCommitResult>(edge.Value.MaxGroupCommitQueue, limits.Value.MaxGroupCommit)
{
    private readonly RmLimits _limits = limits.Value;

    protected override async Task CommitAsync(IReadOnlyList<GroupCommitItem> batch, CancellationToken cancellationToken)
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
                var (written, state) = await DecisionWriter.WriteAsync(decision, sequence, item.Payload, store, outbox, now, item.TraceParent, cancellationToken).ConfigureAwait(false);
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

    protected override void LogIsolating(int count, Exception error) => GroupIsolating(logger, count, error);

    protected override void LogFailed(int count, Exception error) => GroupFailed(logger, count, error);

    [LoggerMessage(1102, LogLevel.Warning, "A group commit of {Count} messages failed on one message's own error; committing each alone")]
    private static partial void GroupIsolating(ILogger logger, int count, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "A group commit of {Count} messages failed; they are not acknowledged and will be resent")]
    private static partial void GroupFailed(ILogger logger, int count, Exception exception);
}
