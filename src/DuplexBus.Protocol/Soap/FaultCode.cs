namespace DuplexBus.Protocol.Soap;

/// <summary>The top-level fault code; its qualified name depends on the SOAP version (Client/Sender, Server/Receiver).</summary>
public enum FaultCode
{
    Sender,
    Receiver,
    MustUnderstand,
    VersionMismatch,
}
