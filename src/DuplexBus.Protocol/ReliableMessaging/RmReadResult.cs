using System.Diagnostics.CodeAnalysis;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>A message's WS-RM content, or the fault it deserves; both null for a message without WS-RM.</summary>
public readonly record struct RmReadResult(RmInbound? Inbound, SoapFault? Fault)
{
    /// <summary>
    /// With a fault that ends a sequence (SequenceTerminated for a malformed Sequence header, InvalidAcknowledgement):
    /// the sequence it names, so the edge terminates it with the answer.
    /// </summary>
    public RmFaultedSequence? Ends { get; init; }

    public static RmReadResult NotReliable => default;

    [MemberNotNullWhen(true, nameof(Inbound))]
    public bool IsReliable => Inbound is not null;
}

/// <param name="Identifier">The identifier the faulty header named.</param>
/// <param name="IsReplySequence">It names the reply sequence the client offered (an acknowledgement), not the request sequence.</param>
/// <param name="Version">The WS-RM version of the message.</param>
public sealed record RmFaultedSequence(string Identifier, bool IsReplySequence, RmVersion Version);
