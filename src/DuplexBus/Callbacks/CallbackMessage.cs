namespace DuplexBus.Callbacks;

/// <summary>
/// One callback to one client, written in the transaction of the step that decided to call back (a saga), and
/// worked off by the <see cref="CallbackDispatcher"/>. Its id is the WS-Addressing MessageID of every attempt.
/// </summary>
public sealed class CallbackMessage
{
    public Guid Id { get; set; }

    /// <summary>The saga instance (or other owner) told by a <see cref="CallbackDelivered"/> event when it arrives.</summary>
    public Guid? CorrelationId { get; set; }

    public string Address { get; set; } = "";

    public string SoapVersion { get; set; } = "";

    public string AddressingVersion { get; set; } = "";

    public string Action { get; set; } = "";

    /// <summary>The reference parameters, written as headers of the callback message.</summary>
    public string Headers { get; set; } = "";

    /// <summary>The body element of the callback message.</summary>
    public string Body { get; set; } = "";

    /// <summary>The W3C traceparent of the request that asked for the callback; each attempt is a span in that trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>Whether the callback carries a WCF <c>ActivityId</c> header (the client sent one).</summary>
    public bool EchoActivityId { get; set; }

    public CallbackState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>
    /// Which dispatcher holds the row until <see cref="NextAttemptAt"/>: set by a claim, cleared when the attempt is
    /// recorded. A late result of a lost lease is ignored.
    /// </summary>
    public Guid? LeaseId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Start of the current retry window: creation, or the last replay.</summary>
    public DateTime WindowStartedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }
}
