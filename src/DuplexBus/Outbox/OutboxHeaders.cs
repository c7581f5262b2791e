namespace DuplexBus.Outbox;

/// <summary>Headers the relay puts on bus messages.</summary>
public static class OutboxHeaders
{
    /// <summary>The authenticated identity of the SOAP client whose call produced the message (absent for anonymous clients).</summary>
    public const string ClientIdentity = "DuplexBus-Client-Identity";
}
