using DuplexBus.Outbox;
using DuplexBus.Parking;
using DuplexBus.Persistence;
using DuplexBus.Protocol.ReliableMessaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// The end of a sequence's life without its client: idle past the inactivity timeout it is terminated (as WCF
/// does), through the same destination step as a TerminateSequence, so messages it acknowledged and holds behind a
/// gap are applied or parked, never dropped; once terminated past the retention window its rows are deleted, each
/// sequence in one transaction.
/// </summary>
internal sealed class SequenceRetention(
    [FromKeyedServices(DuplexBusDatabase.Key)] DbContext db,
    IDatabaseDialect dialect,
    OutboxWriter outbox,
    OutboxSignal signal,
    IOptions<RmLimits> limits,
    TimeProvider time)
{
    private const int Terminated = (int)RmSequenceStatus.Terminated;
    private readonly RmLimits _limits = limits.Value;
    private readonly RmSessionStore _store = new(db, dialect);

    /// <returns>How many sequences were terminated.</returns>
    public async Task<int> ExpireIdleAsync(int batchSize, CancellationToken cancellationToken)
    {
        var idleSince = time.GetUtcNow().UtcDateTime - _limits.InactivityTimeout;
        var ids = await db.Set<RmSequenceRow>().AsNoTracking()
            .Where(s => s.Status != Terminated && s.LastActivityAt < idleSince)
            .OrderBy(s => s.LastActivityAt).Take(batchSize).Select(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var expired = 0;
        foreach (var id in ids)
        {
            await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
            var sequence = await _store.LoadForUpdateAsync(id, cancellationToken).ConfigureAwait(false);
            // Judged again under the lock: a message may have arrived since the scan.
            if (sequence is null || sequence.Status == RmSequenceStatus.Terminated || sequence.LastActivityAt >= idleSince)
                continue;
            var now = time.GetUtcNow().UtcDateTime;
            var (delivered, _) = await DecisionWriter.WriteAsync(RmDestination.Expire(sequence, now, _limits), sequence, null, _store, outbox, now, null, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            if (delivered > 0)
                signal.Notify();
            expired++;
        }
        return expired;
    }

    /// <returns>How many terminated sequences were deleted.</returns>
    public async Task<int> DeleteFinishedAsync(int batchSize, CancellationToken cancellationToken)
    {
        var terminatedBefore = time.GetUtcNow().UtcDateTime - _limits.Retention;
        var ids = await db.Set<RmSequenceRow>().AsNoTracking()
            .Where(s => s.Status == Terminated && s.LastActivityAt < terminatedBefore)
            .OrderBy(s => s.LastActivityAt).Take(batchSize).Select(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        foreach (var id in ids)
        {
            await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
            var sequence = await _store.LoadForUpdateAsync(id, cancellationToken).ConfigureAwait(false);
            if (sequence is null)
                continue;
            // A message still held here was acknowledged: it is parked and reported, not deleted with its sequence.
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var held in await _store.TakeHeldAsync(id, 1, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (held.MessageType is not null && held.Body is not null)
                    _store.Park(DecisionWriter.ParkedHeld(sequence, held, now, "was acknowledged and still held when the sequence was deleted"));
            }
            await db.Set<RmReplyRow>().Where(r => r.SequenceId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await db.Set<RmSequenceRow>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            // A client's last sequence takes the client's bound of open sequences with it, so a client that has gone
            // leaves no row behind. Any bound may go at any time: the client's next CreateSequence counts again.
            var client = sequence.Client;
            await db.Set<RmAdmissionRow>()
                .Where(a => a.Client == client && !db.Set<RmSequenceRow>().Any(s => s.Client == client))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }
        return ids.Count;
    }
}
