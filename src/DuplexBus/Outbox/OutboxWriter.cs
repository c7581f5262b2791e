using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Outbox;

/// <summary>
/// Adds messages to the outbox through the caller's DbContext, so they commit in the caller's transaction.
/// Nothing is published here: the relay does that after the commit.
/// </summary>
public sealed class OutboxWriter([FromKeyedServices(DuplexBusDatabase.Key)] DbContext db, MessageTypeMap types, TimeProvider time)
{
    public OutboxMessage Add(object message, Type messageType, Guid messageId)
    {
        var (name, body) = Serialize(message, messageType);
        return AddSerialized(name, body, messageId);
    }

    /// <summary>Adds a message that was serialized earlier (a held message of an ordered sequence).</summary>
    /// <param name="clientIdentity">The authenticated client the message came from, sent with it as a header.</param>
    /// <param name="orderingKey">The stream the message must keep its place in (the reliable sequence it came in on).</param>
    /// <param name="traceParent">The trace its publish continues; the current activity's when null.</param>
    public OutboxMessage AddSerialized(
        string messageType, string body, Guid messageId, string? clientIdentity = null, string? orderingKey = null, string? traceParent = null)
    {
        var row = new OutboxMessage
        {
            MessageId = messageId,
            MessageType = messageType,
            Body = body,
            ClientIdentity = clientIdentity,
            OrderingKey = orderingKey,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            TraceParent = traceParent ?? OutboxTrace.Current(),
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
    }

    public (string MessageType, string Body) Serialize(object message, Type messageType) =>
        (types.NameOf(messageType), OutboxSerializer.Serialize(message, messageType));

    public OutboxMessage Add<T>(T message, Guid messageId)
        where T : class => Add(message, typeof(T), messageId);
}
