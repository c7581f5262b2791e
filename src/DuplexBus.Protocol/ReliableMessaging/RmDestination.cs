using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>
/// The WS-RM destination as pure functions: (sequence state, incoming message, now) → (new state, what to commit,
/// what to answer). No I/O: the edge loads the state, commits the actions in one transaction, then answers.
/// </summary>
public static class RmDestination
{
    /// <summary>Longest sequence identifier a client may offer.</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>Longest MessageID of a CreateSequence (it is kept to recognise a resent CreateSequence).</summary>
    public const int MaxMessageIdLength = 512;

    /// <summary>CreateSequence: admit a new sequence or refuse it with the fault the specs name.</summary>
    public static RmDecision Create(CreateSequenceRequest request, CreateSequenceContext context)
    {
        var addressing = context.Addressing;
        var faults = new RmFaults(context.Version, context.Soap, addressing);

        // B1601: CreateSequence needs a MessageID, and under WSA 2004/08 (no default ReplyTo) a ReplyTo.
        if (string.IsNullOrWhiteSpace(context.Headers.MessageId))
            return RmDecision.Fault(SoapFaults.HeaderRequired(addressing, addressing.MessageId));
        if (addressing == AddressingVersion.August2004 && context.Headers.ReplyTo is null)
            return RmDecision.Fault(SoapFaults.HeaderRequired(addressing, addressing.ReplyTo));

        // Identifiers are kept for the sequence's life: an empty or oversized one can never be served.
        if (request.OfferIdentifier is { } offered && (offered.Length == 0 || offered.Length > MaxIdentifierLength))
            return RmDecision.Fault(faults.CreateSequenceRefused($"The Offer needs an Identifier of 1 to {MaxIdentifierLength} characters."));
        if (context.Headers.MessageId.Length > MaxMessageIdLength)
            return RmDecision.Fault(faults.CreateSequenceRefused($"The MessageID of CreateSequence is longer than {MaxMessageIdLength} characters."));

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
        if (context.OpenForClient >= context.Limits.MaxOpenSequencesPerClient)
            return RmDecision.Fault(faults.CreateSequenceRefused("This client has reached its limit of open sequences.", connectionLimitReached: true));

        var sequence = new RmSequence
        {
            Id = context.NewIdentifier,
            Version = context.Version,
            Soap = context.Soap,
            Addressing = addressing,
            AcksTo = request.AcksTo.Address,
            Endpoint = context.Caller.Endpoint,
            Owner = context.Caller.Owner,
            Client = context.Caller.Client,
            CreateMessageId = context.Headers.MessageId,
            ReplySequenceId = request.OfferIdentifier,
            Ordered = context.Limits.Ordered,
            CreatedAt = context.Now,
            LastActivityAt = context.Now,
        };
        // R1103/R1108: an Offer is always accepted, with the request's destination as AcksTo.
        var accept = request.OfferIdentifier is null ? null : context.EndpointUri;
        return new RmDecision(sequence, [], new SendCreateSequenceResponse(sequence.Id, accept) { Behavior = Announced(context.Version, context.Limits) });
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
        return new RmDecision(null, [], new SendCreateSequenceResponse(existing.Id, accept) { Behavior = Announced(context.Version, context.Limits) });
    }

    /// <summary>
    /// Whether a message may act on the sequence it names: the sequence must exist at this endpoint and belong to
    /// this client (to anyone else it is unknown, so its identifier reveals nothing), and the message must keep the
    /// WS-RM and WS-Addressing versions the sequence was created with (R2102). A version change ends the sequence:
    /// the refusal then comes as a decision that terminates it.
    /// </summary>
    public static bool Admits(
        [NotNullWhen(true)] RmSequence? sequence, string identifier, RmVersion version, SoapVersion soap, AddressingVersion addressing, RmCaller caller,
        DateTime now, RmLimits limits, [NotNullWhen(false)] out RmDecision? refusal)
    {
        var faults = new RmFaults(version, soap, addressing);
        if (sequence is null || !caller.Owns(sequence))
            refusal = RmDecision.Fault(faults.UnknownSequence(identifier));
        else if (sequence.Version != version || sequence.Addressing != addressing)
            refusal = Terminating(sequence, faults.WrongVersion(identifier), now, limits);
        else
            refusal = null;
        return refusal is null;
    }

    /// <summary>A message carrying a Sequence header (application message or 1.0's empty LastMessage).</summary>
    /// <param name="messageBytes">The size of the message as it would be held, for the per-sequence bound on held bytes.</param>
    public static RmDecision Receive(RmSequence sequence, SequenceHeader header, DateTime now, RmLimits limits, long messageBytes = 0)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        var number = header.MessageNumber;

        if (sequence.Status == RmSequenceStatus.Terminated)
            return RmDecision.Fault(faults.SequenceTerminated(sequence.Id, "The sequence has been terminated."));
        if (header.LastMessage && sequence.Version.IsV11)
            return Terminating(sequence, faults.WrongVersion(sequence.Id), now, limits);

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
            return Drop(sequence, limits); // the client sends it again

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
            if (sequence.Held >= limits.MaxHeldPerSequence || sequence.HeldBytes + messageBytes > limits.MaxHeldBytesPerSequence)
                return Drop(sequence, limits); // buffer full (B4004): the client sends it again
            next = next with { HeldBytes = sequence.HeldBytes + messageBytes };
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
        sequence.Status == RmSequenceStatus.Terminated
            ? RmDecision.Fault(new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing).SequenceTerminated(sequence.Id, "The sequence has been terminated."))
            : new(sequence with { LastActivityAt = now }, [], Ack(sequence, limits));

    /// <summary>1.1 CloseSequence: no more numbers; answered with CloseSequenceResponse and a final ack.</summary>
    public static RmDecision Close(RmSequence sequence, CloseSequenceRequest request, DateTime now, RmLimits limits)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        if (!sequence.Version.IsV11)
            return Terminating(sequence, faults.WrongVersion(sequence.Id), now, limits);
        if (sequence.Status == RmSequenceStatus.Terminated)
            return RmDecision.Fault(faults.SequenceTerminated(sequence.Id, "The sequence has been terminated."));
        if (request.LastMessageNumber is { } last && sequence.Received.Highest > last)
            return Terminating(sequence, faults.SequenceTerminated(sequence.Id, "LastMsgNumber is lower than a message already received."), now, limits);

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
            return Terminating(sequence, faults.SequenceTerminated(sequence.Id, "LastMsgNumber is lower than a message already received."), now, limits);

        var ack = Ack(sequence, limits) with { Final = sequence.Version.IsV11 };
        RmResponse response = sequence.Version.IsV11 || sequence.ReplySequenceId is not null
            ? new SendTerminateSequenceResponse(sequence.Id, ack)
            : new SendNothing();
        return End(sequence, now, limits, response);
    }

    /// <summary>
    /// The sequence ends without the client's TerminateSequence: it was idle past the inactivity timeout, or the
    /// client reported a fault on it.
    /// </summary>
    public static RmDecision Expire(RmSequence sequence, DateTime now, RmLimits limits) => End(sequence, now, limits, new SendNothing());

    /// <summary>
    /// A fault that ends the sequence (SequenceTerminated and the faults WCF raises as it: wrong version, an invalid
    /// acknowledgement): the sequence and its offered reply sequence are terminated with the answer, so later
    /// messages on it are refused and it no longer counts as open.
    /// </summary>
    public static RmDecision Terminating(RmSequence sequence, SoapFault fault, DateTime now, RmLimits limits) =>
        sequence.Status == RmSequenceStatus.Terminated ? RmDecision.Fault(fault) : End(sequence, now, limits, new SendFault(fault));

    /// <summary>
    /// Terminates the sequence. Held messages were acknowledged, so the gap before them can no longer fill but they
    /// are not forgotten: applied in order past it, or parked, as <see cref="RmLimits.IncompleteSequenceBehavior"/> says.
    /// </summary>
    private static RmDecision End(RmSequence sequence, DateTime now, RmLimits limits, RmResponse response)
    {
        var ended = sequence with { Status = RmSequenceStatus.Terminated, LastActivityAt = now };
        if (!sequence.Ordered || sequence.Held == 0)
            return new RmDecision(ended, [], response);

        var (from, through) = (sequence.DeliveredThrough + 1, sequence.Received.Highest);
        RmAction release = limits.IncompleteSequenceBehavior == IncompleteSequenceBehavior.NoDiscard
            ? new DeliverHeld(from, through)
            : new ParkHeld(from, through);
        return new RmDecision(ended with { DeliveredThrough = through, HeldBytes = 0 }, [release], response);
    }

    /// <summary>
    /// An acknowledgement of the reply sequence (request-reply sessions). It may not claim replies never sent
    /// (InvalidAcknowledgement); Nacks are accepted and need nothing (B1403): replies are resent with their request.
    /// </summary>
    /// <returns>Null when the acknowledgement is sound; otherwise the decision that faults and terminates the sequence.</returns>
    public static RmDecision? CheckAcknowledgement(RmSequence sequence, AcknowledgementHeader ack, DateTime now, RmLimits limits)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        if (ack.Ranges.Highest > sequence.RepliesSent || ack.Nacks.Any(n => n > sequence.RepliesSent))
            return Terminating(sequence, faults.InvalidAcknowledgement(ack.Element), now, limits);
        return null;
    }

    /// <summary>
    /// A fault the client reports on one of this endpoint's sequences (its request sequence, or the reply sequence it
    /// offered): the sequence pair ends, and the fault, a one-way message, is answered with 202.
    /// </summary>
    public static RmDecision ClientFault(RmSequence sequence, DateTime now, RmLimits limits) =>
        sequence.Status == RmSequenceStatus.Terminated ? new RmDecision(null, [], new SendNothing()) : End(sequence, now, limits, new SendNothing());

    /// <summary>The current acknowledgement; on a closed 1.1 sequence it is Final, since no number can be added any more.</summary>
    private static SendAck Ack(RmSequence sequence, RmLimits limits)
    {
        var remaining = sequence.Ordered ? (int)Math.Max(0, limits.MaxHeldPerSequence - sequence.Held) : limits.MaxHeldPerSequence;
        return new SendAck(sequence.Id, sequence.Received, remaining, Final: sequence.Version.IsV11 && sequence.Status == RmSequenceStatus.Closed);
    }

    /// <summary>1.1 lets the destination say what happens to messages after a gap when a sequence ends; 1.0 cannot.</summary>
    private static IncompleteSequenceBehavior? Announced(RmVersion version, RmLimits limits) =>
        version.IsV11 && limits.Ordered ? limits.IncompleteSequenceBehavior : null;

    private static RmDecision Drop(RmSequence sequence, RmLimits limits) => new(null, [], Ack(sequence, limits)) { Dropped = true };
}
