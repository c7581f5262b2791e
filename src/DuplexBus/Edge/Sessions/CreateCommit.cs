using DuplexBus.Persistence;
using DuplexBus.Protocol.ReliableMessaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Group commit for CreateSequence: whatever arrived while the previous transaction was committing takes its places
/// under the limits and is written in the next one, and every sender is answered after that commit. Admission has to
/// hold the global bound of open sequences (see <see cref="OpenSequenceCounts"/>) until commit, so creates commit
/// one transaction at a time across all hosts; one commit for many creates is what lets that single row keep up.
/// </summary>
internal sealed partial class CreateCommit(
    IServiceScopeFactory scopes,
    IDatabaseDialect dialect,
    IOptions<RmLimits> limits,
    IOptions<EdgeOptions> edge,
    ILogger<CreateCommit> logger)
    : CommitQueue<CreateCommitItem, RmDecision?>(edge.Value.MaxGroupCommitQueue, limits.Value.MaxGroupCommit)
{
    private readonly RmLimits _limits = limits.Value;

    /// <summary>
    /// A MessageID already taken (by a copy in the same batch, or one committed meanwhile by another host) fails the
    /// whole insert: each is then committed alone, and the one whose MessageID is taken is answered with the stored
    /// sequence (null).
    /// </summary>
    protected override bool IsOutcome(Exception error, out RmDecision? outcome)
    {
        outcome = null;
        return dialect.IsUniqueViolation(error);
    }

    protected override async Task CommitAsync(IReadOnlyList<CreateCommitItem> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        var store = new RmSessionStore(db, dialect);
        var counts = new OpenSequenceCounts(db);

        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        await counts.TakeAsync(batch.Select(i => i.Context.Caller.Client), _limits, cancellationToken).ConfigureAwait(false);
        var decisions = new RmDecision[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (context, client) = (batch[i].Context, batch[i].Context.Caller.Client);
            var (all, forClient) = counts.Open(client);
            decisions[i] = RmDestination.Create(batch[i].Request, context with { OpenSequences = all, OpenForClient = forClient });
            if (decisions[i].State is { } created)
            {
                store.Save(created);
                counts.Admitted(client);
            }
        }
        await counts.SaveAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(decisions[i]);
    }

    protected override void LogIsolating(int count, Exception error) => CreatesIsolating(logger, count, error);

    protected override void LogFailed(int count, Exception error) => CreatesFailed(logger, count, error);

    [LoggerMessage(1104, LogLevel.Debug, "A create commit of {Count} CreateSequences failed on one of them; committing each alone")]
    private static partial void CreatesIsolating(ILogger logger, int count, Exception exception);

    [LoggerMessage(1103, LogLevel.Warning, "A create commit of {Count} CreateSequences failed; they are not answered and will be resent")]
    private static partial void CreatesFailed(ILogger logger, int count, Exception exception);
}
