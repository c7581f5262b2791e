namespace DuplexBus.Chaos.Workload;

internal enum ClientKind
{
    /// <summary>A real WCF client over an ordered WS-RM 1.0 session.</summary>
    WcfRm10,

    /// <summary>A real WCF client over an ordered WS-RM 1.1 session.</summary>
    WcfRm11,

    /// <summary>Plain SOAP with WS-Addressing; resends with the same MessageID until 202.</summary>
    Soap,

    /// <summary>One StartWork with a ReplyTo, answered later by a WorkCompleted callback.</summary>
    Callback,
}
