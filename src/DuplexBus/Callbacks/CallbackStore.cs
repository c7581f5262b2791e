using DuplexBus.Outbox;
using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Callbacks;

/// <summary>
/// The dispatcher's reads and writes. A claim leases due callbacks to one dispatcher by pushing their due time past
/// the lease and stamping a lease id; a result is recorded only while that lease is still the row's, so a host that
/// lost its lease (it stalled past it) cannot overwrite what the new holder did.
/// </summary>
public sealed class CallbackStore(DuplexBusDbContext db, IDatabaseDialect dialect, OutboxWriter outbox)
{
    public async Task<IReadOnlyList<CallbackMessage>> ClaimAsync(int batchSize, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var due = await db.CallbackMessages
            .FromSqlRaw(dialect.ClaimCallbacks(batchSize), now)
            .AsTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (due.Count == 0)
            return due;

        foreach (var callback in due)
        {
            callback.LeaseId = Guid.NewGuid();
            callback.NextAttemptAt = now + lease;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return due;
    }

    public Task<bool> RecordDeliveredAsync(CallbackMessage callback, int statusCode, DateTime now, CancellationToken cancellationToken) =>
        RecordAsync(callback, CallbackState.Delivered, statusCode, null, now, now, cancellationToken);

    public Task<bool> RecordRetryAsync(CallbackMessage callback, CallbackAttemptResult result, DateTime nextAttemptAt, CancellationToken cancellationToken) =>
        RecordAsync(callback, CallbackState.Pending, result.StatusCode, result.Description, nextAttemptAt, null, cancellationToken);

    public Task<bool> RecordDeadLetteredAsync(CallbackMessage callback, CallbackAttemptResult result, DateTime now, CancellationToken cancellationToken) =>
        RecordAsync(callback, CallbackState.DeadLettered, result.StatusCode, result.Description, now, null, cancellationToken);

    /// <summary>Dead-lettered callbacks (or all), newest first.</summary>
    public async Task<IReadOnlyList<CallbackMessage>> ListAsync(CallbackState? state, int limit, CancellationToken cancellationToken)
    {
        var query = db.CallbackMessages.AsNoTracking();
        if (state is { } wanted)
            query = query.Where(c => c.State == wanted);
        return await query.OrderByDescending(c => c.CreatedAt).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a dead-lettered callback back in line with a fresh retry window; false when there is no such callback.</summary>
    public async Task<bool> ReplayAsync(Guid id, DateTime now, CancellationToken cancellationToken)
    {
        var changed = await db.CallbackMessages
            .Where(c => c.Id == id && c.State == CallbackState.DeadLettered)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.State, CallbackState.Pending)
                    .SetProperty(c => c.Attempts, 0)
                    .SetProperty(c => c.NextAttemptAt, now)
                    .SetProperty(c => c.WindowStartedAt, now)
                    .SetProperty(c => c.LeaseId, (Guid?)null),
                cancellationToken)
            .ConfigureAwait(false);
        return changed == 1;
    }

    private async Task<bool> RecordAsync(
        CallbackMessage callback,
        CallbackState state,
        int? statusCode,
        string? error,
        DateTime nextAttemptAt,
        DateTime? deliveredAt,
        CancellationToken cancellationToken)
    {
        var attempts = callback.Attempts + 1;
        var lease = callback.LeaseId;
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var changed = await db.CallbackMessages
            .Where(c => c.Id == callback.Id && c.LeaseId == lease && c.State == CallbackState.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.State, state)
                    .SetProperty(c => c.Attempts, attempts)
                    .SetProperty(c => c.NextAttemptAt, nextAttemptAt)
                    .SetProperty(c => c.LeaseId, state == CallbackState.Pending ? lease : null)
                    .SetProperty(c => c.DeliveredAt, deliveredAt)
                    .SetProperty(c => c.LastStatusCode, statusCode)
                    .SetProperty(c => c.LastError, error == null ? null : error.Length > 2000 ? error.Substring(0, 2000) : error),
                cancellationToken)
            .ConfigureAwait(false);
        if (changed == 0)
            return false;

        if (callback.CorrelationId is { } correlationId)
        {
            // Deterministic ids: a crash after this commit cannot publish a second, different event.
            if (state == CallbackState.Delivered)
                outbox.Add(new CallbackDelivered(callback.Id, correlationId, deliveredAt!.Value, attempts), EventId(callback, "delivered", attempts));
            else if (state == CallbackState.DeadLettered)
                outbox.Add(new CallbackDeadLettered(callback.Id, correlationId, attempts, error ?? ""), EventId(callback, "dead-lettered", attempts));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        callback.Attempts = attempts;
        callback.State = state;
        return true;
    }

    private static Guid EventId(CallbackMessage callback, string what, int attempts) =>
        Edge.Ingress.DeterministicGuid.Create(callback.Id, what + "/" + attempts);
}
