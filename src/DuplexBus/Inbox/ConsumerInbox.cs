using DuplexBus.Outbox;
using DuplexBus.Persistence;
using MassTransit;

namespace DuplexBus.Inbox;

/// <summary>
/// Exactly-once effects for an ordinary consumer: its inbox mark and the outbox rows it writes commit in one
/// transaction, so a redelivered message changes nothing and a failed attempt leaves nothing behind. The consumer
/// does its (idempotent) work first and calls this at the end, so no transaction stays open during the work.
/// </summary>
public sealed class ConsumerInbox(DuplexBusDbContext db, IDatabaseDialect dialect, OutboxWriter outbox, OutboxSignal signal, TimeProvider time)
{
    /// <returns>False when this message had already been handled by <paramref name="consumer"/>: nothing was written.</returns>
    public async Task<bool> CommitOnceAsync(ConsumeContext context, string consumer, Action<OutboxWriter> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"The message has no MessageId; the inbox of {consumer} needs one to drop duplicates.");
        await using var transaction = await dialect.BeginTransactionAsync(db, context.CancellationToken).ConfigureAwait(false);
        if (!await InboxStore.TryMarkAsync(db, consumer, messageId, time.GetUtcNow().UtcDateTime, context.CancellationToken).ConfigureAwait(false))
            return false;
        write(outbox);
        await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(context.CancellationToken).ConfigureAwait(false);
        signal.Notify();
        return true;
    }
}
