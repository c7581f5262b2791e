using DuplexBus.Outbox;
using DuplexBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Inbox;

/// <summary>
/// Exactly-once effects for an ordinary consumer: its inbox mark and the outbox rows it writes commit in one
/// transaction, so a redelivered message changes nothing and a failed attempt leaves nothing behind. The consumer
/// does its (idempotent) work first and calls this at the end, so no transaction stays open during the work.
/// </summary>
public sealed class ConsumerInbox([FromKeyedServices(DuplexBusDatabase.Key)] DbContext db, IDatabaseDialect dialect, OutboxWriter outbox, OutboxSignal signal, TimeProvider time)
{
    /// <returns>False when this message had already been handled by <paramref name="consumer"/>: nothing was written.</returns>
    public async Task<bool> CommitOnceAsync(ConsumeContext context, string consumer, Action<OutboxWriter> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"The message has no MessageId; the inbox of {consumer} needs one to drop duplicates.");
        return await CommitOnceAsync(consumer, messageId, write, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same for any step that consumes messages (the edge too), by the id it keys its inbox with.</summary>
    /// <param name="messageId">Null: nothing to recognise a duplicate by, so no inbox mark; the rows are written.</param>
    /// <returns>False when <paramref name="messageId"/> had already been handled by <paramref name="consumer"/>: nothing was written.</returns>
    public async Task<bool> CommitOnceAsync(string consumer, Guid? messageId, Action<OutboxWriter> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        if (messageId is { } id
            && !await InboxStore.TryMarkAsync(db, consumer, id, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        write(outbox);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return true;
    }
}
