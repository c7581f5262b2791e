using System.Collections.Immutable;

namespace DuplexBus.Edge.ReliableMessaging;

/// <summary>Everything WS-RM in one incoming message: its version, headers, and the protocol request in its body, if any.</summary>
public sealed record RmInbound(
    RmVersion Version,
    SequenceHeader? Sequence,
    ImmutableArray<AckRequestedHeader> AckRequests,
    ImmutableArray<AcknowledgementHeader> Acknowledgements,
    RmRequest? Request)
{
    /// <summary>1.0's empty LastMessage (B1202): it completes the sequence and carries no application body.</summary>
    public bool IsLastMessageMarker(string? action) => Version.LastMessageAction is { } last && action == last;
}
