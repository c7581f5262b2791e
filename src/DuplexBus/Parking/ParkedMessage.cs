namespace DuplexBus.Parking;

/// <summary>
/// A message that can never succeed as it is — a consumer rejects it every time, or the relay cannot publish it —
/// set aside where an operator sees it (health, metric, the <c>parked</c> CLI) and can replay it, so the traffic
/// behind it keeps flowing.
/// </summary>
public sealed class ParkedMessage
{
    /// <summary>Where messages the relay could not publish are parked from.</summary>
    public const string OutboxSource = "outbox";

    /// <summary>The prefix of messages parked by a receive endpoint: <c>endpoint:&lt;queue&gt;</c>.</summary>
    public const string EndpointSourcePrefix = "endpoint:";

    /// <summary>
    /// The prefix of messages parked by a SOAP endpoint (<c>edge:&lt;path&gt;</c>): acknowledged sequence messages that
    /// cannot be applied, kept as their envelope, or acknowledged messages held behind a gap when their sequence ended.
    /// </summary>
    public const string EdgeSourcePrefix = "edge:";

    public Guid Id { get; set; }

    /// <summary><see cref="OutboxSource"/>, or <see cref="EndpointSourcePrefix"/> and the queue that rejected it.</summary>
    public string Source { get; set; } = "";

    /// <summary>The bus MessageId, kept on replay so every inbox still recognises the message.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The contract's message URN, as in the outbox; for an envelope parked by the edge, its SOAP action.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>
    /// The message as JSON (the outbox's form); the SOAP envelope (without security headers) for one the edge could
    /// not translate; or whatever arrived when it was not a readable envelope.
    /// </summary>
    public string Body { get; set; } = "";

    /// <summary>Where a replay sends it: a queue (<c>queue:name</c>), or null to publish it to every subscriber.</summary>
    public string? Destination { get; set; }

    /// <summary>Why it was parked: the last error, without the message body.</summary>
    public string Reason { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime ParkedAt { get; set; }
}
