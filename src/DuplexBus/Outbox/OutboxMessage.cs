namespace DuplexBus.Outbox;

/// <summary>A bus message committed together with the state change that caused it, waiting for the relay.</summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order; the relay publishes in this order.</summary>
    public long Seq { get; set; }

    /// <summary>The MassTransit MessageId: stable across re-publishing, so the consumer's inbox drops duplicates.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The contract's message URN (never a CLR type name read back with Type.GetType).</summary>
    public string MessageType { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>
    /// Null: published to every subscriber. Otherwise the one queue it is sent to (<c>queue:name</c>): a parked
    /// message replayed to the endpoint that rejected it, so the others that took it once do not see it again.
    /// </summary>
    public string? Destination { get; set; }

    /// <summary>
    /// The authenticated client whose call produced the message, or null. Sent as the
    /// <see cref="OutboxHeaders.ClientIdentity"/> header, so sagas and consumers can tell who asked.
    /// </summary>
    public string? ClientIdentity { get; set; }

    /// <summary>
    /// The stream this message keeps its place in beside the instance it is for (its CorrelationId): the reliable
    /// sequence it came in on, or null. The relay publishes rows that share either one in commit order.
    /// </summary>
    public string? OrderingKey { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The W3C traceparent of the activity that wrote the row; its publish is a span in that trace.</summary>
    public string? TraceParent { get; set; }
}
