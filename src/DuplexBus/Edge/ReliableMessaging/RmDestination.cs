using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using DuplexBus.Edge.Soap;

namespace DuplexBus.Edge.ReliableMessaging;

/// <summary>
/// The WS-RM destination as pure functions: (sequence state, incoming message, now) → (new state, what to commit,
/// what to answer). No I/O: the edge loads the state, commits the actions in one transaction, then answers.
/// </summary>
public static class RmDestination
{
    /// <summary>CreateSequence: admit a new sequence or refuse it with the fault the specs name.</summary>
    public static RmDecision Create(CreateSequenceRequest request, CreateSequenceContext context)
    {
        var addressing = context.Addressing;
        var faults = new RmFaults(context.Version, context.Soap, addressing);

        // B1601: CreateSequence needs a MessageID, and under WSA 2004/08 (no default ReplyTo) a ReplyTo.
        if (context.Headers.MessageId is null)
            return RmDecision.Fault(SoapFaults.HeaderRequired(addressing, addressing.MessageId));
        if (addressing == AddressingVersion.August2004 && context.Headers.ReplyTo is null)
            return RmDecision.Fault(SoapFaults.HeaderRequired(addressing, addressing.ReplyTo));

        // R1105: AcksTo and ReplyTo must name the same address (an absent WSA 1.0 ReplyTo is anonymous).
        var replyTo = context.Headers.ReplyTo?.Address ?? addressing.AnonymousUri;
        if (!string.Equals(request.AcksTo.Address, replyTo, StringComparison.Ordinal))
            return RmDecision.Fault(faults.CreateSequenceRefused("The AcksTo address of CreateSequence differs from its ReplyTo address."));

        // B1603: this edge answers on the HTTP back-channel only; an addressable initiator is not served.
        if (!addressing.IsAnonymous(request.AcksTo.Address))
            return RmDecision.Fault(faults.EndpointUnavailable("This endpoint serves anonymous (back-channel) initiators only; AcksTo must be the anonymous address."));
        if (request.OfferEndpoint is { } offerEndpoint && !addressing.IsAnonymous(offerEndpoint.Address))
            return RmDecision.Fault(faults.EndpointUnavailable("The offered sequence's Endpoint must be the anonymous address."));

        if (context.OpenSequences >= context.Limits.MaxOpenSequences)
            return RmDecision.Fault(faults.CreateSequenceRefused("The endpoint has reached its limit of open sequences.", connectionLimitReached: true));

        var sequence = new RmSequence
        {
            Id = context.NewIdentifier,
            Version = context.Version,
            Soap = context.Soap,
            Addressing = addressing,
            AcksTo = request.AcksTo.Address,
            CreateMessageId = context.Headers.MessageId,
            ReplySequenceId = request.OfferIdentifier,
            Ordered = context.Limits.Ordered,
            CreatedAt = context.Now,
            LastActivityAt = context.Now,
        };
        // R1103/R1108: an Offer is always accepted, with the request's destination as AcksTo.
        var accept = request.OfferIdentifier is null ? null : context.EndpointUri;
        return new RmDecision(sequence, [], new SendCreateSequenceResponse(sequence.Id, accept));
    }

    /// <summary>
    /// A CreateSequence resent with the MessageID of one already accepted (the client did not get the response):
    /// answered with the same sequence, so no second sequence is opened.
    /// </summary>
    public static RmDecision Recreate(RmSequence existing, CreateSequenceRequest request, CreateSequenceContext context)
    {
        if (existing.Version != context.Version || existing.AcksTo != request.AcksTo.Address || existing.ReplySequenceId != request.OfferIdentifier)
            return RmDecision.Fault(new RmFaults(context.Version, context.Soap, context.Addressing).CreateSequenceRefused("The MessageID belongs to a different CreateSequence."));
        var accept = existing.ReplySequenceId is null ? null : context.EndpointUri;
        return new RmDecision(null, [], new SendCreateSequenceResponse(existing.Id, accept));
    }

    /// <summary>
    /// Whether a message may act on the sequence it names: the sequence must exist, and keep the WS-RM and
    /// WS-Addressing versions it was created with (R2102).
    /// </summary>
    public static bool Admits(
        [NotNullWhen(true)] RmSequence? sequence, string identifier, RmVersion version, AddressingVersion addressing, RmFaults faults,
        [NotNullWhen(false)] out SoapFault? refusal)
    {
        refusal = sequence is null ? faults.UnknownSequence(identifier)
            : sequence.Version != version || sequence.Addressing != addressing ? faults.WrongVersion(identifier)
            : null;
        return refusal is null;
    }

    /// <summary>A message carrying a Sequence header (application message or 1.0's empty LastMessage).</summary>
    public static RmDecision Receive(RmSequence sequence, SequenceHeader header, DateTime now, RmLimits limits)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        var number = header.MessageNumber;

        if (sequence.Status == RmSequenceStatus.Terminated)
            return RmDecision.Fault(faults.SequenceTerminated(sequence.Id, "The sequence has been terminated."));
        if (header.LastMessage && sequence.Version.IsV11)
            return RmDecision.Fault(faults.WrongVersion(sequence.Id));

        if (sequence.Received.Contains(number))
            return new RmDecision(sequence with { LastActivityAt = now }, [], Ack(sequence, limits));

        if (sequence.LastNumber is { } last && number > last)
        {
            return RmDecision.Fault(sequence.Version.IsV11
                ? faults.SequenceClosed(sequence.Id)
                : faults.LastMessageNumberExceeded(sequence.Id));
        }
        if (sequence.Status == RmSequenceStatus.Closed)
            return RmDecision.Fault(faults.SequenceClosed(sequence.Id));
        if (header.LastMessage && sequence.Received.Highest > number)
            return RmDecision.Fault(faults.LastMessageNumberExceeded(sequence.Id));

        var received = sequence.Received.Add(number);
        if (received.Ranges.Length > limits.MaxAckRanges)
            return new RmDecision(null, [], Ack(sequence, limits)); // dropped unacknowledged: the client sends it again

        var next = sequence with
        {
            Received = received,
            LastActivityAt = now,
            LastNumber = header.LastMessage ? number : sequence.LastNumber,
        };

        if (!sequence.Ordered)
            return new RmDecision(next, [new DeliverMessage(number)], Ack(next, limits));

        if (number != sequence.DeliveredThrough + 1)
        {
            if (sequence.Held >= limits.MaxHeldPerSequence)
                return new RmDecision(null, [], Ack(sequence, limits)); // buffer full (B4004): dropped unacknowledged
            return new RmDecision(next, [new HoldMessage(number)], Ack(next, limits));
        }

        var through = received.ContiguousThrough;
        next = next with { DeliveredThrough = through };
        ImmutableArray<RmAction> actions = through > number
            ? [new DeliverMessage(number), new DeliverHeld(number + 1, through)]
            : [new DeliverMessage(number)];
        return new RmDecision(next, actions, Ack(next, limits));
    }

    /// <summary>AckRequested: answer with the current acknowledgement (0-0 before any message, B1402).</summary>
    public static RmDecision AckRequested(RmSequence sequence, DateTime now, RmLimits limits) =>
        new(sequence with { LastActivityAt = now }, [], Ack(sequence, limits));

    /// <summary>1.1 CloseSequence: no more numbers; answered with CloseSequenceResponse and a final ack.</summary>
    public static RmDecision Close(RmSequence sequence, CloseSequenceRequest request, DateTime now, RmLimits limits)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        if (!sequence.Version.IsV11)
            return RmDecision.Fault(faults.WrongVersion(sequence.Id));
        if (sequence.Status == RmSequenceStatus.Terminated)
            return RmDecision.Fault(faults.SequenceTerminated(sequence.Id, "The sequence has been terminated."));

        var closed = sequence with
        {
            Status = RmSequenceStatus.Closed,
            LastNumber = request.LastMessageNumber ?? sequence.LastNumber ?? sequence.Received.Highest,
            LastActivityAt = now,
        };
        return new RmDecision(closed, [], new SendCloseSequenceResponse(sequence.Id, Ack(closed, limits) with { Final = true }));
    }

    /// <summary>TerminateSequence: the sequence ends. 1.1 answers TerminateSequenceResponse; 1.0 one-way answers 202.</summary>
    public static RmDecision Terminate(RmSequence sequence, TerminateSequenceRequest request, DateTime now, RmLimits limits)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        if (request.LastMessageNumber is { } last && sequence.Received.Highest > last)
            return RmDecision.Fault(faults.SequenceTerminated(sequence.Id, "LastMsgNumber is lower than a message already received."));

        var terminated = sequence with { Status = RmSequenceStatus.Terminated, LastActivityAt = now };
        var ack = Ack(terminated, limits) with { Final = sequence.Version.IsV11 };
        RmResponse response = sequence.Version.IsV11 || sequence.ReplySequenceId is not null
            ? new SendTerminateSequenceResponse(sequence.Id, ack)
            : new SendNothing();
        return new RmDecision(terminated, [], response);
    }

    /// <summary>
    /// An acknowledgement of the reply sequence (request-reply sessions). It may not claim replies never sent
    /// (InvalidAcknowledgement); Nacks are accepted and need nothing (B1403): replies are resent with their request.
    /// </summary>
    public static SoapFault? CheckAcknowledgement(RmSequence sequence, AcknowledgementHeader ack)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        if (ack.Ranges.Highest > sequence.RepliesSent || ack.Nacks.Any(n => n > sequence.RepliesSent))
            return faults.InvalidAcknowledgement(ack.Element);
        return null;
    }

    private static SendAck Ack(RmSequence sequence, RmLimits limits)
    {
        var remaining = sequence.Ordered ? (int)Math.Max(0, limits.MaxHeldPerSequence - sequence.Held) : limits.MaxHeldPerSequence;
        return new SendAck(sequence.Id, sequence.Received, remaining, Final: false);
    }
}
