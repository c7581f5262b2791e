using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;
using static DuplexBus.Tests.Edge.ReliableMessaging.Rm;

namespace DuplexBus.Tests.Edge.ReliableMessaging;

public sealed class RmDestinationTests
{
    public static TheoryData<string, RmSequence, SequenceHeader, string> OrderedSteps => new()
    {
        { "first message", Fresh(), Message(1), "deliver 1; ack 1" },
        { "next in order", With("1-3"), Message(4), "deliver 4; ack 1-4" },
        { "duplicate is acked again, not applied", With("1-3"), Message(2), "ack 1-3" },
        { "gap: held until the numbers before it arrive", With("1"), Message(3), "hold 3; ack 1,3" },
        { "gap filled: held messages follow in order", With("1,3-5") with { DeliveredThrough = 1 }, Message(2), "deliver 2; deliver held 3-5; ack 1-5" },
        { "first message missing", Fresh(), Message(2), "hold 2; ack 2" },
        { "B1201 largest xs:long number", With("1"), Message(long.MaxValue), "hold 9223372036854775807; ack 1,9223372036854775807" },
        { "B1202 empty LastMessage takes its number", With("1-2"), Message(3, last: true), "deliver 3; ack 1-3" },
        { "past the LastMessage (1.0)", With("1-3") with { LastNumber = 3 }, Message(4), "fault LastMessageNumberExceeded" },
        { "past LastMsgNumber of a closed 1.1 sequence", With("1-3", RmVersion.V11) with { Status = RmSequenceStatus.Closed, LastNumber = 3 }, Message(4), "fault SequenceClosed" },
        { "terminated sequence", With("1") with { Status = RmSequenceStatus.Terminated }, Message(2), "fault SequenceTerminated" },
        { "LastMessage element on 1.1 ends the sequence", Fresh(RmVersion.V11), Message(1, last: true), "fault SequenceTerminated; terminated" },
        { "duplicate on a closed 1.1 sequence: the ack is Final", With("1-3", RmVersion.V11) with { Status = RmSequenceStatus.Closed, LastNumber = 3 }, Message(2), "ack 1-3 final" },
        { "1.0 gap filler after the LastMessage is taken", With("1,3") with { LastNumber = 3, DeliveredThrough = 1 }, Message(2), "deliver 2; deliver held 3-3; ack 1-3" },
    };

    [Theory, MemberData(nameof(OrderedSteps))]
    public void Ordered_destination_step(string _, RmSequence state, SequenceHeader message, string expected) =>
        Assert.Equal(expected, Describe(RmDestination.Receive(state, message, Now, Limits())));

    public static TheoryData<string, RmSequence, SequenceHeader, string> UnorderedSteps => new()
    {
        { "out of order is delivered at once", With("1", ordered: false), Message(3), "deliver 3; ack 1,3" },
        { "duplicate", With("1,3", ordered: false), Message(3), "ack 1,3" },
    };

    [Theory, MemberData(nameof(UnorderedSteps))]
    public void Unordered_destination_step(string _, RmSequence state, SequenceHeader message, string expected) =>
        Assert.Equal(expected, Describe(RmDestination.Receive(state, message, Now, Limits(ordered: false))));

    [Fact]
    public void B4004_full_buffer_drops_the_message_unacknowledged_and_reports_zero_remaining()
    {
        var state = With("1,3-4") with { DeliveredThrough = 1 };

        var decision = RmDestination.Receive(state, Message(6), Now, Limits(maxHeld: 2));

        Assert.Equal("drop; ack 1,3-4", Describe(decision));
        Assert.Equal(0, ((SendAck)decision.Response).BufferRemaining);
        Assert.Null(decision.State);
    }

    [Fact]
    public void B4003_BufferRemaining_counts_down_with_held_messages()
    {
        var decision = RmDestination.Receive(With("1"), Message(3), Now, Limits(maxHeld: 8));

        Assert.Equal(7, ((SendAck)decision.Response).BufferRemaining);
    }

    [Fact]
    public void B1402_ack_before_any_message_is_0_0()
    {
        var decision = RmDestination.AckRequested(Fresh(), Now, Limits());

        Assert.Equal("ack 0-0", Describe(decision));
    }

    [Fact]
    public void Acknowledgement_never_claims_a_number_that_was_dropped()
    {
        var state = With("1-2");
        var limits = Limits();
        limits.MaxAckRanges = 8;
        state = state with { Received = AckRanges.Parse("1-2,4,6,8,10,12,14,16"), DeliveredThrough = 2 };

        var decision = RmDestination.Receive(state, Message(18), Now, limits);

        Assert.DoesNotContain("18", Describe(decision), StringComparison.Ordinal);
        Assert.Null(decision.State);
    }

    [Fact]
    public void V11_close_answers_CloseSequenceResponse_with_a_final_ack_and_refuses_new_numbers()
    {
        var closed = RmDestination.Close(With("1-3", RmVersion.V11), new CloseSequenceRequest("urn:uuid:seq", 3), Now, Limits());

        Assert.Equal("closed; ack 1-3 final", Describe(closed));
        Assert.Equal("fault SequenceClosed", Describe(RmDestination.Receive(closed.State!, Message(4), Now, Limits())));
        Assert.Equal("ack 1-3 final", Describe(RmDestination.Receive(closed.State!, Message(2), Now, Limits())));
        Assert.Equal("ack 1-3 final", Describe(RmDestination.AckRequested(closed.State!, Now, Limits())));
    }

    [Fact]
    public void V10_close_is_not_part_of_the_protocol()
    {
        Assert.Equal("fault SequenceTerminated; terminated", Describe(RmDestination.Close(With("1"), new CloseSequenceRequest("urn:uuid:seq", 1), Now, Limits())));
    }

    public static TheoryData<string, RmSequence, string> Terminations => new()
    {
        { "1.0 one-way: 202, empty body", With("1-3"), "202" },
        { "1.0 with an offered reply sequence: the reply sequence's TerminateSequence", With("1-3") with { ReplySequenceId = "urn:uuid:reply" }, "terminated; ack 1-3" },
        { "1.1: TerminateSequenceResponse with a final ack", With("1-3", RmVersion.V11), "terminated; ack 1-3 final" },
    };

    [Theory, MemberData(nameof(Terminations))]
    public void Terminate_answers_per_version(string _, RmSequence state, string expected)
    {
        var decision = RmDestination.Terminate(state, new TerminateSequenceRequest(state.Id, null), Now, Limits());

        Assert.Equal(expected, Describe(decision));
        Assert.Equal(RmSequenceStatus.Terminated, decision.State!.Status);
    }

    [Fact]
    public void Terminate_with_a_LastMsgNumber_below_what_was_received_is_refused()
    {
        var decision = RmDestination.Terminate(With("1-5", RmVersion.V11), new TerminateSequenceRequest("urn:uuid:seq", 3), Now, Limits());

        Assert.Equal("fault SequenceTerminated; terminated", Describe(decision));
    }

    private static readonly EndpointAddress Anonymous10 = new(AddressingVersion.V10.AnonymousUri!, []);

    private static CreateSequenceContext Context(AddressingHeaders headers, AddressingVersion? addressing = null, long open = 0) => new(
        "urn:uuid:new", RmVersion.V10, SoapVersion.Soap12, addressing ?? AddressingVersion.V10, headers, "http://host/services/work", open, Limits(), Now, Caller);

    private static AddressingHeaders Headers(string? messageId = "urn:uuid:m", EndpointAddress? replyTo = null) =>
        new(RmVersion.V10.CreateSequenceAction, messageId, "http://host/services/work", null, replyTo, null);

    public static TheoryData<string, CreateSequenceRequest, CreateSequenceContext, string> Creations => new()
    {
        { "one-way, anonymous", new(Anonymous10, null, null), Context(Headers()), "created" },
        { "R1103/R1108 offer accepted with the request URI as AcksTo", new(Anonymous10, "urn:uuid:offer", null), Context(Headers()), "created, accept http://host/services/work" },
        { "B1601 no MessageID", new(Anonymous10, null, null), Context(Headers(messageId: null)), "fault MessageAddressingHeaderRequired" },
        { "B1601 no ReplyTo under WSA 2004/08", new(new(AddressingVersion.August2004.AnonymousUri!, []), null, null), Context(Headers(), AddressingVersion.August2004), "fault MessageInformationHeaderRequired" },
        { "R1105 AcksTo differs from ReplyTo", new(new("http://client/acks", []), null, null), Context(Headers(replyTo: Anonymous10)), "fault CreateSequenceRefused" },
        { "B1603 addressable initiator", new(new("http://client/acks", []), null, null), Context(Headers(replyTo: new("http://client/acks", []))), "fault EndpointUnavailable" },
        { "B1503 connection limit", new(Anonymous10, null, null), Context(Headers(), open: 100_000), "fault CreateSequenceRefused" },
    };

    [Theory, MemberData(nameof(Creations))]
    public void CreateSequence_step(string _, CreateSequenceRequest request, CreateSequenceContext context, string expected) =>
        Assert.Equal(expected, Describe(RmDestination.Create(request, context)));

    [Fact]
    public void B1503_connection_limit_carries_netrm_ConnectionLimitReached_under_SOAP_12()
    {
        var decision = RmDestination.Create(new(Anonymous10, null, null), Context(Headers(), open: 100_000));
        var fault = ((SendFault)decision.Response).Fault;

        Assert.Equal(FaultCode.Receiver, fault.Code);
        Assert.Equal(RmVersion.NetRm + "ConnectionLimitReached", fault.Subcodes[^1]);
    }

    [Fact]
    public void B1403_Nack_is_accepted_and_an_ack_of_replies_never_sent_is_InvalidAcknowledgement()
    {
        var state = With("1-2") with { ReplySequenceId = "urn:uuid:reply", RepliesSent = 2 };
        AcknowledgementHeader Ack(string ranges, params long[] nacks) =>
            new("urn:uuid:reply", AckRanges.Parse(ranges), [.. nacks], false, false, new System.Xml.Linq.XElement("ack"));

        Assert.Null(RmDestination.CheckAcknowledgement(state, Ack("1-2"), Now, Limits()));
        Assert.Null(RmDestination.CheckAcknowledgement(state, Ack("", 1), Now, Limits()));
        Assert.Equal("fault InvalidAcknowledgement; terminated", Describe(RmDestination.CheckAcknowledgement(state, Ack("1-3"), Now, Limits())!));
    }

    [Fact]
    public void Resent_CreateSequence_with_the_same_MessageID_gets_the_same_sequence_back()
    {
        var created = RmDestination.Create(new(Anonymous10, "urn:uuid:offer", null), Context(Headers()));
        Assert.Equal("urn:uuid:m", created.State!.CreateMessageId);

        var again = RmDestination.Recreate(created.State, new(Anonymous10, "urn:uuid:offer", null), Context(Headers()) with { NewIdentifier = "urn:uuid:other" });

        Assert.Equal("created, accept http://host/services/work", Describe(again));
        Assert.Equal("urn:uuid:new", ((SendCreateSequenceResponse)again.Response).Identifier);
        Assert.Null(again.State);
    }

    [Fact]
    public void MessageID_reused_for_a_different_CreateSequence_is_refused()
    {
        var created = RmDestination.Create(new(Anonymous10, null, null), Context(Headers()));

        var other = RmDestination.Recreate(created.State!, new(Anonymous10, "urn:uuid:offer", null), Context(Headers()));

        Assert.Equal("fault CreateSequenceRefused", Describe(other));
    }
}
