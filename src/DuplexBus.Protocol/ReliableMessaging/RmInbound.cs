using System.Collections.Immutable;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>Everything WS-RM in one incoming message: its version, headers, and the protocol request in its body, if any.</summary>
public sealed record RmInbound(
    RmVersion Version,
    SequenceHeader? Sequence,
    ImmutableArray<AckRequestedHeader> AckRequests,
    ImmutableArray<AcknowledgementHeader> Acknowledgements,
    RmRequest? Request)
{
    /// <summary>A fault the client sends about one of this endpoint's sequences (the body is a SOAP Fault).</summary>
    public RmClientFault? ClientFault { get; init; }

    /// <summary>1.0's empty LastMessage (B1202): it completes the sequence and carries no application body.</summary>
    public bool IsLastMessageMarker(string? action) => Version.LastMessageAction is { } last && action == last;
}

/// <summary>
/// A WS-RM fault reported by the client: its name and the sequence it names, which is either a sequence of this
/// endpoint or the reply sequence the client offered. Null identifier when the fault names none.
/// </summary>
public sealed record RmClientFault(string Name, string? Identifier);
