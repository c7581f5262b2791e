using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;
using static DuplexBus.Tests.Edge.ReliableMessaging.Rm;

namespace DuplexBus.Tests.Edge.ReliableMessaging;

/// <summary>
/// How a sequence ends — by the client, by a fault that ends it, by the client's own fault, by inactivity — and what
/// becomes of the messages it acknowledged and still holds behind a gap; who may use a sequence; and the limits.
/// </summary>
public sealed class RmSequenceEndTests
{
    private static readonly RmSequence HoldingBehindGap = With("1,3-5") with { DeliveredThrough = 1, HeldBytes = 300 };

    public static TheoryData<string, Func<RmLimits, RmDecision>, string> Endings => new()
    {
        { "TerminateSequence", l => RmDestination.Terminate(HoldingBehindGap, new TerminateSequenceRequest("urn:uuid:seq", null), Now, l), "202" },
        { "inactivity", l => RmDestination.Expire(HoldingBehindGap, Now, l), "202" },
        { "the client's fault", l => RmDestination.ClientFault(HoldingBehindGap, Now, l), "202" },
        { "a fault the edge sends", l => RmDestination.Terminating(HoldingBehindGap, Faults.SequenceTerminated("urn:uuid:seq", "x"), Now, l), "fault SequenceTerminated; terminated" },
    };

    [Theory, MemberData(nameof(Endings))]
    public void Held_messages_are_applied_past_the_gap_with_NoDiscard(string _, Func<RmLimits, RmDecision> end, string answer)
    {
        var decision = end(Limits());

        Assert.Equal($"deliver held 2-5; {answer}", Describe(decision));
        Assert.Equal(RmSequenceStatus.Terminated, decision.State!.Status);
        Assert.Equal(0, decision.State.HeldBytes);
    }

    [Theory, MemberData(nameof(Endings))]
    public void Held_messages_are_parked_with_DiscardFollowingFirstGap(string _, Func<RmLimits, RmDecision> end, string answer)
    {
        var limits = Limits();
        limits.IncompleteSequenceBehavior = IncompleteSequenceBehavior.DiscardFollowingFirstGap;

        Assert.Equal($"park held 2-5; {answer}", Describe(end(limits)));
    }

    [Fact]
    public void A_terminated_sequence_refuses_later_messages_and_no_longer_counts_as_open()
    {
        var ended = RmDestination.Terminating(With("1-2"), Faults.SequenceTerminated("urn:uuid:seq", "x"), Now, Limits()).State!;

        Assert.False(ended.CountsAsOpen);
        Assert.Equal("fault SequenceTerminated", Describe(RmDestination.Receive(ended, Message(3), Now, Limits())));
        Assert.Equal("fault SequenceTerminated", Describe(RmDestination.Close(ended with { Version = RmVersion.V11 }, new CloseSequenceRequest("urn:uuid:seq", null), Now, Limits())));
    }

    [Fact]
    public void A_1_0_sequence_that_received_its_LastMessage_no_longer_counts_as_open()
    {
        var decision = RmDestination.Receive(With("1-2"), Message(3, last: true), Now, Limits());

        Assert.False(decision.State!.CountsAsOpen);
        Assert.True(With("1-2").CountsAsOpen);
    }

    [Fact]
    public void CloseSequence_with_a_LastMsgNumber_below_what_was_received_ends_the_sequence()
    {
        var decision = RmDestination.Close(With("1-5", RmVersion.V11), new CloseSequenceRequest("urn:uuid:seq", 3), Now, Limits());

        Assert.Equal("fault SequenceTerminated; terminated", Describe(decision));
    }

    [Fact]
    public void A_message_over_the_held_bytes_bound_is_dropped_unacknowledged()
    {
        var limits = Limits();
        limits.MaxHeldBytesPerSequence = 1024;
        var state = With("1,3") with { DeliveredThrough = 1, HeldBytes = 1000 };

        Assert.Equal("drop; ack 1,3", Describe(RmDestination.Receive(state, Message(4), Now, limits, messageBytes: 100)));
        Assert.Equal("hold 4; ack 1,3-4", Describe(RmDestination.Receive(state, Message(4), Now, limits, messageBytes: 24)));
        Assert.Equal(1024, RmDestination.Receive(state, Message(4), Now, limits, messageBytes: 24).State!.HeldBytes);
        // In turn, nothing is held: the bound does not apply.
        Assert.Equal("deliver 2; deliver held 3-3; ack 1-3", Describe(RmDestination.Receive(state, Message(2), Now, limits, messageBytes: 5000)));
    }

    public static TheoryData<string, RmCaller, string> Callers => new()
    {
        { "the creator at its endpoint", Caller, "ack 1-2" },
        { "another endpoint", RmCaller.Of("/services/other", null, "127.0.0.1"), "fault UnknownSequence" },
        { "an authenticated client on an anonymous sequence", RmCaller.Of("/services/work", "alice", "127.0.0.1"), "fault UnknownSequence" },
        { "the same anonymous client from another address (a sequence is not tied to an address)", RmCaller.Of("/services/work", null, "10.0.0.9"), "ack 1-2" },
    };

    [Theory, MemberData(nameof(Callers))]
    public void A_sequence_answers_only_the_endpoint_and_client_that_created_it(string _, RmCaller caller, string expected)
    {
        var sequence = With("1-2");
        var decision = RmDestination.Admits(sequence, sequence.Id, sequence.Version, sequence.Soap, sequence.Addressing, caller, Now, Limits(), out var refusal)
            ? RmDestination.AckRequested(sequence, Now, Limits())
            : refusal;

        Assert.Equal(expected, Describe(decision));
    }

    [Fact]
    public void Another_clients_sequence_is_unknown_even_to_an_authenticated_client()
    {
        var alices = With("1") with { Owner = "alice", Client = "user:alice" };

        Assert.False(RmDestination.Admits(alices, alices.Id, alices.Version, alices.Soap, alices.Addressing, RmCaller.Of("/services/work", "bob", "127.0.0.1"), Now, Limits(), out var refusal));
        Assert.Equal("fault UnknownSequence", Describe(refusal));
        Assert.True(RmDestination.Admits(alices, alices.Id, alices.Version, alices.Soap, alices.Addressing, RmCaller.Of("/services/work", "alice", "10.1.1.1"), Now, Limits(), out _));
    }

    [Fact]
    public void A_message_in_another_RM_version_ends_the_sequence()
    {
        var sequence = With("1");

        Assert.False(RmDestination.Admits(sequence, sequence.Id, RmVersion.V11, sequence.Soap, sequence.Addressing, Caller, Now, Limits(), out var refusal));
        Assert.Equal("fault SequenceTerminated; terminated", Describe(refusal));
    }

    [Fact]
    public void The_per_client_limit_refuses_CreateSequence_with_ConnectionLimitReached()
    {
        var limits = Limits();
        limits.MaxOpenSequencesPerClient = 2;
        var headers = new AddressingHeaders(RmVersion.V10.CreateSequenceAction, "urn:uuid:m", "http://host/services/work", null, null, null);
        var context = new CreateSequenceContext("urn:uuid:new", RmVersion.V10, SoapVersion.Soap12, AddressingVersion.V10, headers, "http://host/services/work", 5, limits, Now, Caller);
        var request = new CreateSequenceRequest(new EndpointAddress(AddressingVersion.V10.AnonymousUri!, []), null, null);

        Assert.Equal("created", Describe(RmDestination.Create(request, context with { OpenForClient = 1 })));
        var refused = RmDestination.Create(request, context with { OpenForClient = 2 });
        Assert.Equal("fault CreateSequenceRefused", Describe(refused));
        Assert.Equal(RmVersion.NetRm + "ConnectionLimitReached", ((SendFault)refused.Response).Fault.Subcodes[^1]);
    }

    [Fact]
    public void A_1_1_CreateSequenceResponse_announces_the_IncompleteSequenceBehavior()
    {
        var headers = new AddressingHeaders(RmVersion.V11.CreateSequenceAction, "urn:uuid:m", "http://host/services/work", null, null, null);
        var context = new CreateSequenceContext("urn:uuid:new", RmVersion.V11, SoapVersion.Soap12, AddressingVersion.V10, headers, "http://host/services/work", 0, Limits(), Now, Caller);
        var created = RmDestination.Create(new CreateSequenceRequest(new EndpointAddress(AddressingVersion.V10.AnonymousUri!, []), "urn:uuid:offer", null), context);

        var body = RmMessageWriter.Write(created.Response, created.State, RmVersion.V11, AddressingVersion.V10).Body!;

        Assert.Equal(["Identifier", "IncompleteSequenceBehavior", "Accept"], body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("NoDiscard", body.Element(RmVersion.V11.Namespace + "IncompleteSequenceBehavior")!.Value);
    }

    private static readonly RmFaults Faults = new(RmVersion.V10, SoapVersion.Soap12, AddressingVersion.V10);
}
