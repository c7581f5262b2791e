using DuplexBus.Outbox;
using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Callbacks;

/// <summary>
/// The dispatcher's reads and writes. A claim leases due callbacks to one dispatcher by pushing their due time past
/// the lease and stamping a lease id; a result is recorded only while that lease is still the row's, so a host that
/// lost its lease (it stalled past it) cannot overwrite what the new holder did. Raw SQL on purpose: these two
/// statements run once per callback, and EF's query pipeline would cost more than the database.
/// </summary>
public sealed partial class CallbackStore([FromKeyedServices(DuplexBusDatabase.Key)] DbContext db, IDatabaseDialect dialect, ICallbackStatements statements, OutboxWriter outbox)
{
    /// <summary>
    /// Leases up to <paramref name="batchSize"/> callbacks due by the database's clock, with one statement; they share one
    /// lease id, and it ends <paramref name="lease"/> after the database's now.
    /// </summary>
    public async Task<CallbackClaim> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var claimed = await statements.ClaimAsync(db, batchSize, Guid.NewGuid(), lease, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    public Task<bool> RecordDeliveredAsync(CallbackMessage callback, int statusCode, DateTime now, CancellationToken cancellationToken) =>
        RecordOneAsync(CallbackOutcome.Delivered(callback, statusCode, now), cancellationToken);

    public Task<bool> RecordRetryAsync(CallbackMessage callback, CallbackAttemptResult result, TimeSpan dueIn, CancellationToken cancellationToken) =>
        RecordOneAsync(CallbackOutcome.Retry(callback, result, dueIn), cancellationToken);

    public Task<bool> RecordDeadLetteredAsync(CallbackMessage callback, CallbackAttemptResult result, CancellationToken cancellationToken) =>
        RecordOneAsync(CallbackOutcome.DeadLettered(callback, result), cancellationToken);

    /// <summary>
    /// Records many attempts in one transaction (one commit for a whole batch of deliveries). Each is recorded only
    /// while its lease is still the row's; a delivered or dead-lettered callback with a correlation id adds its event
    /// to the outbox in the same transaction.
    /// </summary>
    /// <returns>For each outcome, whether it was recorded; and whether any outbox row was written.</returns>
    public async Task<(bool[] Recorded, bool WroteEvents)> RecordAsync(IReadOnlyList<CallbackOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var events = false;
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var recorded = await statements.RecordAsync(db, outcomes, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            var callback = outcome.Callback;
            if (recorded[i] && callback.CorrelationId is { } correlationId && outcome.State != CallbackState.Pending)
            {
                // Deterministic ids: a crash after this commit cannot publish a second, different event.
                if (outcome.State == CallbackState.Delivered)
                    outbox.Add(new CallbackDelivered(callback.Id, correlationId, outcome.DeliveredAt!.Value, outcome.Attempts), EventId(callback, "delivered", outcome.Attempts));
                else
                    outbox.Add(new CallbackDeadLettered(callback.Id, correlationId, outcome.Attempts, outcome.Error ?? ""), EventId(callback, "dead-lettered", outcome.Attempts));
                events = true;
            }
        }
        if (events)
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (recorded, events);
    }

    /// <summary>
    /// Gives back callbacks this dispatcher claimed and will not attempt now (shutting down, too little lease left, or
    /// their destination paused): due again for any dispatcher when each says, instead of when their leases end.
    /// </summary>
    /// <returns>How many were still under their lease and were given back.</returns>
    public async Task<int> ReleaseAsync(IReadOnlyList<CallbackGiveBack> callbacks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var released = await statements.ReleaseAsync(db, callbacks, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return released;
    }

    /// <summary>Dead-lettered callbacks (or all), newest first.</summary>
    public async Task<IReadOnlyList<CallbackMessage>> ListAsync(CallbackState? state, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<CallbackMessage>().AsNoTracking();
        if (state is { } wanted)
            query = query.Where(c => c.State == wanted);
        return await query.OrderByDescending(c => c.CreatedAt).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RecordOneAsync(CallbackOutcome outcome, CancellationToken cancellationToken) =>
        (await RecordAsync([outcome], cancellationToken).ConfigureAwait(false)).Recorded[0];

    /// <summary>One id per attempt of one retry window: a replayed callback that ends again writes a new event.</summary>
    private static Guid EventId(CallbackMessage callback, string what, int attempts) =>
        Edge.Ingress.DeterministicGuid.Create(callback.Id, $"{what}/{callback.WindowStartedAt.Ticks}/{attempts}");
}
