using System.Collections.Immutable;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>What the destination decided for one message: the new state, what to store, and what to answer.</summary>
/// <param name="State">The sequence after the message; null when unchanged or when there is no sequence.</param>
public sealed record RmDecision(RmSequence? State, ImmutableArray<RmAction> Actions, RmResponse Response)
{
    public static RmDecision Fault(SoapFault fault) => new(null, [], new SendFault(fault));

    /// <summary>
    /// The incoming message was not taken (flow control, too many ranges, out of turn): it is not acknowledged, must
    /// not be executed, and the client sends it again.
    /// </summary>
    public bool Dropped { get; init; }
}

/// <summary>Something to commit in the transaction that precedes the answer.</summary>
public abstract record RmAction;

/// <summary>Apply the incoming message now (its number is the next in order, or the session is unordered).</summary>
public sealed record DeliverMessage(long Number) : RmAction;

/// <summary>Store the incoming message until the numbers before it arrive.</summary>
public sealed record HoldMessage(long Number) : RmAction;

/// <summary>Apply the held messages numbered <paramref name="From"/>..<paramref name="Through"/>, in order, after the incoming one.</summary>
public sealed record DeliverHeld(long From, long Through) : RmAction;

/// <summary>
/// Park the held messages numbered <paramref name="From"/>..<paramref name="Through"/>: their sequence ended with a gap
/// before them and its IncompleteSequenceBehavior says they are not applied.
/// </summary>
public sealed record ParkHeld(long From, long Through) : RmAction;

/// <summary>The answer, sent only after the actions are committed.</summary>
public abstract record RmResponse;

/// <summary>A SequenceAcknowledgement (stand-alone, or piggy-backed on a reply).</summary>
public sealed record SendAck(string Identifier, AckRanges Ranges, int? BufferRemaining, bool Final) : RmResponse;

public sealed record SendFault(SoapFault Fault) : RmResponse;

/// <param name="AcceptAcksTo">With an accepted Offer: the AcksTo address of the Accept element (R1108).</param>
public sealed record SendCreateSequenceResponse(string Identifier, string? AcceptAcksTo) : RmResponse
{
    /// <summary>1.1: the IncompleteSequenceBehavior announced for the sequence, or null to leave it out.</summary>
    public IncompleteSequenceBehavior? Behavior { get; init; }
}

public sealed record SendCloseSequenceResponse(string Identifier, SendAck Ack) : RmResponse;

/// <summary>1.1's TerminateSequenceResponse, or (1.0 with an offered sequence) the reply sequence's TerminateSequence.</summary>
public sealed record SendTerminateSequenceResponse(string Identifier, SendAck Ack) : RmResponse;

/// <summary>1.0's one-way TerminateSequence: 202 with an empty body.</summary>
public sealed record SendNothing : RmResponse;
