using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using MassTransit;

namespace DuplexBus.Edge.Ingress;

/// <summary>
/// Step 4 of the path: one transaction writes the inbox mark of the request's MessageID (when it has one) and
/// the outbox row. The caller answers the client only after this returns, so an answer always means durable.
/// </summary>
public sealed class EdgeIngress(DuplexBusDbContext db, IDatabaseDialect dialect, OutboxWriter outbox, OutboxSignal signal, TimeProvider time)
{
    // Namespace of the name-based ids derived from WS-Addressing MessageIDs.
    private static readonly Guid MessageIdNamespace = new("6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11");

    public async Task<IngressOutcome> AcceptAsync(string endpoint, Type messageType, object message, string? wsaMessageId, CancellationToken cancellationToken)
    {
        var messageId = wsaMessageId is null
            ? NewId.NextGuid()
            : DeterministicGuid.Create(MessageIdNamespace, endpoint + "\n" + wsaMessageId);

        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        if (wsaMessageId is not null
            && !await InboxStore.TryMarkAsync(db, "edge:" + endpoint, messageId, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false))
        {
            return IngressOutcome.Duplicate;
        }

        outbox.Add(message, messageType, messageId);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return IngressOutcome.Accepted;
    }
}
