using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Callbacks;

/// <summary>Replay: dead-lettered callbacks back in line with a fresh retry window, one or many in one transaction.</summary>
public sealed partial class CallbackStore
{
    /// <summary>Puts a dead-lettered callback back in line with a fresh retry window; false when there is no such callback.</summary>
    public async Task<bool> ReplayAsync(Guid id, DateTime now, CancellationToken cancellationToken) =>
        (await ReplayAsync([id], now, cancellationToken).ConfigureAwait(false)).Count == 1;

    /// <summary>Puts back those of <paramref name="ids"/> that are dead-lettered, in one transaction.</summary>
    /// <returns>The ids put back.</returns>
    public async Task<IReadOnlyList<Guid>> ReplayAsync(IReadOnlyCollection<Guid> ids, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var dead = await DeadLettered().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        await PutBackAsync(dead, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return dead;
    }

    /// <summary>
    /// Puts back every dead-lettered callback, or those to <paramref name="destination"/>, in one transaction: after
    /// an outage an operator replays them all with one command.
    /// </summary>
    /// <returns>How many were put back.</returns>
    public async Task<int> ReplayDeadAsync(CallbackDestinationFilter? destination, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        // Addresses are matched here rather than in SQL: host and port are parsed the way the dispatcher parses them
        // (default ports, IPv6, case), which no LIKE pattern gets right.
        var dead = await DeadLettered().Select(c => new { c.Id, c.Address }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var chosen = dead.Where(c => destination is null || destination.Matches(c.Address)).Select(c => c.Id).ToList();
        var replayed = await PutBackAsync(chosen, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return replayed;
    }

    private IQueryable<CallbackMessage> DeadLettered() => db.Set<CallbackMessage>().Where(c => c.State == CallbackState.DeadLettered);

    private async Task<int> PutBackAsync(List<Guid> ids, DateTime now, CancellationToken cancellationToken)
    {
        var replayed = 0;
        // In chunks: one statement's parameters stay small however many dead letters there are.
        foreach (var chunk in ids.Chunk(1000))
        {
            replayed += await DeadLettered()
                .Where(c => chunk.Contains(c.Id))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.State, CallbackState.Pending)
                        .SetProperty(c => c.Attempts, 0)
                        .SetProperty(c => c.NextAttemptAt, now)
                        .SetProperty(c => c.WindowStartedAt, now)
                        .SetProperty(c => c.LeaseId, (Guid?)null),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        return replayed;
    }
}
