using System.Diagnostics.CodeAnalysis;
using DuplexBus.Edge.Soap;

namespace DuplexBus.Edge.ReliableMessaging;

/// <summary>A message's WS-RM content, or the fault it deserves; both null for a message without WS-RM.</summary>
public readonly record struct RmReadResult(RmInbound? Inbound, SoapFault? Fault)
{
    public static RmReadResult NotReliable => default;

    [MemberNotNullWhen(true, nameof(Inbound))]
    public bool IsReliable => Inbound is not null;
}
