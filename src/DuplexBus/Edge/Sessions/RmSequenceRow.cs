namespace DuplexBus.Edge.Sessions;

/// <summary>The stored form of an <see cref="ReliableMessaging.RmSequence"/> (table rm_sequence).</summary>
public sealed class RmSequenceRow
{
    public string Id { get; set; } = "";

    /// <summary>"1.0" or "1.1".</summary>
    public string RmVersion { get; set; } = "";

    /// <summary>"1.1" or "1.2".</summary>
    public string SoapVersion { get; set; } = "";

    /// <summary>"2004/08" or "1.0".</summary>
    public string AddressingVersion { get; set; } = "";

    public string AcksTo { get; set; } = "";

    /// <summary>The endpoint path it was created at.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The authenticated client that created it; null for an anonymous one.</summary>
    public string? Owner { get; set; }

    /// <summary>The key it counts under in the per-client limit of open sequences.</summary>
    public string Client { get; set; } = "";

    public long HeldBytes { get; set; }

    public string? CreateMessageId { get; set; }

    public string? ReplySequenceId { get; set; }

    public long RepliesSent { get; set; }

    public bool Ordered { get; set; }

    /// <summary>Acknowledgement ranges as text, e.g. "1-5,7".</summary>
    public string Received { get; set; } = "";

    public long DeliveredThrough { get; set; }

    public long? LastNumber { get; set; }

    public int Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastActivityAt { get; set; }
}
