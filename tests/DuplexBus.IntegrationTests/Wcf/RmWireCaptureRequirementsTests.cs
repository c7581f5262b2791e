using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.Testing.Proxy;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>
/// What the real WCF client insists on in a destination's answers, found by spoiling one answer of <see cref="RmStub"/> at
/// a time, and how it recovers from lost messages and answers.
/// </summary>
public sealed class RmWireCaptureRequirementsTests(ITestOutputHelper output)
{
    private const string Rm10 = "RM 1.0 Soap12WSAddressing10 ordered";
    private const string Rm11 = "RM 1.1 Soap12WSAddressing10 ordered";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("missing")]
    [InlineData("another message's")]
    public async Task CreateSequenceResponse_must_carry_the_RelatesTo_of_the_CreateSequence(string relatesTo)
    {
        await using var stub = await RmStub.StartAsync(e => e.ShortAction != "rm10:CreateSequence" ? e : Edit(e, envelope =>
        {
            var header = Header(envelope, "RelatesTo");
            if (relatesTo == "missing")
                header.Remove();
            else
                header.Value = $"urn:uuid:{Guid.NewGuid()}";
        }));

        await Assert.ThrowsAsync<ProtocolException>(() => SessionAsync(stub, Rm10, requestSession: true));
    }

    [Theory]
    [InlineData("no Accept")]
    [InlineData("Accept of another address")]
    public async Task An_offer_must_be_accepted_with_AcksTo_the_address_the_client_sent_to(string accept)
    {
        await using var stub = await RmStub.StartAsync(e => e.ShortAction != "rm10:CreateSequence" ? e : Edit(e, envelope =>
        {
            var element = envelope.Descendants().Single(x => x.Name.LocalName == "Accept");
            if (accept == "no Accept")
                element.Remove();
            else
                element.Descendants().Single(x => x.Name.LocalName == "Address").Value = "http://127.0.0.1:1/elsewhere";
        }));

        await Assert.ThrowsAsync<ProtocolException>(() => SessionAsync(stub, Rm10, requestSession: true));
    }

    [Fact]
    public async Task An_ack_without_wsa_Action_faults_the_session_and_the_client_sends_SequenceTerminated()
    {
        await using var stub = await RmStub.StartAsync(e => e.MessageNumber is null ? e : Edit(e, envelope => Header(envelope, "Action").Remove()));

        await Assert.ThrowsAnyAsync<CommunicationException>(() => SessionAsync(stub, Rm10, requestSession: false));

        // The client posts its fault on its own after faulting the channel: wait for it to arrive.
        var fault = (await DuplexBus.Testing.Eventually.Until(
            () => Task.FromResult(stub.Exchanges.SingleOrDefault(e => e.Action == "http://www.w3.org/2005/08/addressing/soap/fault")),
            e => e is not null,
            TimeSpan.FromSeconds(30),
            "the client's SequenceTerminated fault"))!;
        output.WriteLine(fault.Describe());
        Assert.Equal("a:SequenceTerminated", fault.Request.Descendants(RmNames.Soap12 + "Subcode").Single().Value);
        Assert.Equal(202, fault.Status);
    }

    [Theory]
    [InlineData("rm11:CloseSequence", "no Final")]
    [InlineData("rm11:CloseSequence", "a Final ack of 1-2 of 3")]
    [InlineData("rm11:TerminateSequence", "no Final")]
    public async Task WS_RM_1_1_close_and_terminate_answers_need_a_final_ack_of_exactly_1_to_last(string request, string spoiled)
    {
        await using var stub = await RmStub.StartAsync(e => e.ShortAction != request ? e : Edit(e, envelope =>
        {
            var ack = Header(envelope, "SequenceAcknowledgement");
            if (spoiled == "no Final")
                ack.Elements().Single(x => x.Name.LocalName == "Final").Remove();
            else
                ack.Elements().Single(x => x.Name.LocalName == "AcknowledgementRange").SetAttributeValue("Upper", 2);
        }));

        await Assert.ThrowsAsync<ProtocolException>(() => SessionAsync(stub, Rm11, requestSession: false));
    }

    [Fact]
    public async Task WS_RM_1_0_request_session_takes_any_200_envelope_as_the_answer_to_TerminateSequence()
    {
        await using var stub = await RmStub.StartAsync(e => e.ShortAction != "rm10:TerminateSequence" ? e : Edit(e, envelope =>
        {
            foreach (var part in envelope.Elements())
                part.RemoveNodes();
        }));

        await SessionAsync(stub, Rm10, requestSession: true);
    }

    [Fact]
    public async Task A_202_to_LastMessage_is_a_lost_ack_and_LastMessage_is_resent()
    {
        var spoiled = 0;
        await using var stub = await RmStub.StartAsync(e =>
            e.ShortAction == "rm10:LastMessage" && Interlocked.Exchange(ref spoiled, 1) == 0 ? e with { Status = 202, Response = null } : e);

        await SessionAsync(stub, Rm10, requestSession: false);

        PrintTimeline(stub);
        var answers = stub.Exchanges.Where(e => e.ShortAction == "rm10:LastMessage").Select(e => e.Status).ToList();
        Assert.Equal(202, answers[0]);
        Assert.Contains(200, answers.Skip(1));
    }

    [Fact]
    public async Task On_close_a_WS_RM_1_1_client_asks_for_a_missing_ack_with_AckRequested_before_resending()
    {
        // Every transmission of #3 is received but answered 202, so only the answer to an AckRequested can acknowledge it.
        await using var stub = await RmStub.StartAsync(e => e.MessageNumber == 3 ? e with { Status = 202, Response = null } : e);

        await SessionAsync(stub, Rm11, requestSession: false);

        PrintTimeline(stub);
        var actions = stub.Exchanges.Select(e => e.ShortAction).ToList();
        var ackRequested = actions.IndexOf("rm11:AckRequested");
        output.WriteLine(stub.Exchanges[ackRequested].Describe());
        Assert.InRange(ackRequested, actions.IndexOf("AddItem") + 3, actions.IndexOf("rm11:CloseSequence") - 1);
    }

    [Theory]
    [InlineData("request")]
    [InlineData("reply")]
    public async Task A_lost_request_or_reply_is_resent_by_the_client_through_the_lossy_proxy(string lost)
    {
        await using var stub = await RmStub.StartAsync();
        // Only the first transmission of AddItem #2 is lost: CreateSequence must get through, because the client takes
        // its round trip (10 s per lost CreateSequence) as the first estimate of the retransmission interval.
        var options = new LossyProxyOptions
        {
            DropRequest = lost == "request" ? 1 : 0,
            DropReply = lost == "reply" ? 1 : 0,
            MaxConsecutiveFailures = 1,
            Applies = r => r.Action == "urn:duplexbus:samples/WorkService/AddItem" && r.Body.Contains(">2</r:MessageNumber>", StringComparison.Ordinal),
        };
        await using var proxy = await LossyProxy.StartAsync(stub.BaseAddress, options);

        await RmSession.RequestSessionAsync(RmClientBinding.Find(Rm10).Create(), new Uri(proxy.BaseAddress, "/services/work"), items: 3, Timeout);

        foreach (var line in proxy.Log)
            output.WriteLine(line);
        PrintTimeline(stub);
        // A processed request whose reply was lost reaches the destination twice.
        var received = stub.Received(Assert.Single(stub.SequenceIds));
        Assert.Equal([1, 2, 3, 4], received.Distinct().Order());
        Assert.InRange(received.Count(n => n == 2), lost == "request" ? 1 : 2, int.MaxValue);
        Assert.Equal(1, proxy.DroppedRequests + proxy.DroppedReplies);
    }

    private void PrintTimeline(RmStub stub)
    {
        foreach (var e in stub.Exchanges)
            output.WriteLine($"+{e.At.TotalMilliseconds:0}ms {e.ShortAction} {e.MessageNumber} -> {e.Status}");
    }

    private static Task SessionAsync(RmStub stub, string configuration, bool requestSession)
    {
        var binding = RmClientBinding.Find(configuration).Create();
        return requestSession
            ? RmSession.RequestSessionAsync(binding, stub.ServiceUri, items: 3, Timeout)
            : RmSession.OneWayAsync(binding, stub.ServiceUri, items: 3, Timeout);
    }

    private static RmExchange Edit(RmExchange exchange, Action<XElement> edit)
    {
        var envelope = new XElement(exchange.Response!);
        edit(envelope);
        return exchange with { Response = envelope };
    }

    private static XElement Header(XElement envelope, string localName) =>
        envelope.Elements().Single(e => e.Name.LocalName == "Header").Elements().Single(e => e.Name.LocalName == localName);
}
