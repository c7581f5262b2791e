using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

public enum RmSequenceStatus
{
    Open,

    /// <summary>1.1 CloseSequence, or 1.0 after the LastMessage: no new numbers accepted.</summary>
    Closed,

    Terminated,
}

/// <summary>
/// The durable state of one inbound sequence. <see cref="Received"/> is what may be acknowledged (every number in it
/// is committed); with ordered delivery, numbers above <see cref="DeliveredThrough"/> are held until the gap fills.
/// </summary>
public sealed record RmSequence
{
    public required string Id { get; init; }

    public required RmVersion Version { get; init; }

    public required SoapVersion Soap { get; init; }

    /// <summary>One WS-Addressing version for the whole sequence pair (R2102).</summary>
    public required AddressingVersion Addressing { get; init; }

    public required string AcksTo { get; init; }

    /// <summary>The endpoint path the sequence was created at: at any other endpoint its identifier is unknown.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The authenticated client that created the sequence (null for an anonymous one): no other client may use it.</summary>
    public string? Owner { get; init; }

    /// <summary>Who the sequence counts against in the per-client limit of open sequences (see <see cref="RmCaller.Client"/>).</summary>
    public string Client { get; init; } = "";

    /// <summary>The MessageID of the CreateSequence, so a resent CreateSequence gets the same sequence back.</summary>
    public string? CreateMessageId { get; init; }

    /// <summary>The reply sequence the client offered (request-reply sessions), or null.</summary>
    public string? ReplySequenceId { get; init; }

    /// <summary>Reply-sequence numbers used so far.</summary>
    public long RepliesSent { get; init; }

    public required bool Ordered { get; init; }

    public AckRanges Received { get; init; } = AckRanges.Empty;

    public long DeliveredThrough { get; init; }

    /// <summary>Bytes of the messages held now (ordered sequences waiting for a gap), bounded per sequence.</summary>
    public long HeldBytes { get; init; }

    /// <summary>The last number of the sequence, once known (1.0 LastMessage, 1.1 LastMsgNumber).</summary>
    public long? LastNumber { get; init; }

    public RmSequenceStatus Status { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime LastActivityAt { get; init; }

    /// <summary>Messages received but not yet delivered (ordered sessions waiting for a gap).</summary>
    public long Held => Ordered ? Math.Max(0, Count(Received) - DeliveredThrough) : 0;

    /// <summary>Open for the admission limits: not closed, terminated, or (1.0) past its LastMessage.</summary>
    public bool CountsAsOpen => Status == RmSequenceStatus.Open && LastNumber is null;

    private static long Count(AckRanges ranges) => ranges.Ranges.Sum(r => r.Upper - r.Lower + 1);
}
