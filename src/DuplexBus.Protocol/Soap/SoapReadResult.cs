using System.Diagnostics.CodeAnalysis;

namespace DuplexBus.Protocol.Soap;

/// <summary>Either a parsed envelope or the fault to answer with, in the SOAP and addressing version detected so far.</summary>
public readonly record struct SoapReadResult(SoapEnvelope? Envelope, SoapFault? Fault, SoapVersion Version, AddressingVersion Addressing)
{
    [MemberNotNullWhen(true, nameof(Envelope))]
    [MemberNotNullWhen(false, nameof(Fault))]
    public bool IsEnvelope => Envelope is not null;

    public static SoapReadResult Ok(SoapEnvelope envelope) => new(envelope, null, envelope.Version, envelope.Addressing);

    public static SoapReadResult Failed(SoapFault fault, SoapVersion version, AddressingVersion? addressing = null) =>
        new(null, fault, version, addressing ?? AddressingVersion.None);
}
