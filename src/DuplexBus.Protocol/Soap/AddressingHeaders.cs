namespace DuplexBus.Protocol.Soap;

/// <summary>The message addressing properties of one message (all null for plain SOAP without addressing).</summary>
public sealed record AddressingHeaders(
    string? Action,
    string? MessageId,
    string? To,
    string? RelatesTo,
    EndpointAddress? ReplyTo,
    EndpointAddress? FaultTo)
{
    public static readonly AddressingHeaders Empty = new(null, null, null, null, null, null);
}
