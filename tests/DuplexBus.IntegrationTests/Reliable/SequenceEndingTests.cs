using System.Xml.Linq;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// How sequences end against a real host: faults that end a sequence terminate it, faults the client reports end
/// the sequence they name, acknowledged held messages survive the end, stand-alone acknowledgements are checked,
/// acknowledged replies are not kept, and a message that can never be applied is acknowledged and parked.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class SequenceEndingTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    private const string AddItem = "urn:duplexbus:samples/WorkService/AddItem";
    private const string GetStatus = "urn:duplexbus:samples/WorkService/GetStatus";
    private const int Terminated = 2;
    private Uri Service => new(fixture.Host.BaseAddress, "/services/work");

    public static TheoryData<string, string, bool> EndingFaults => new()
    {
        { "LastMessage element on 1.1 (wrong version)", RawRm.Rm11, false },
        { "MessageNumber that is not a number", RawRm.Rm10, false },
        { "acknowledgement of replies never sent", RawRm.Rm10, true },
        { "CloseSequence with a LastMsgNumber below what was received", RawRm.Rm11, false },
    };

    [Theory, MemberData(nameof(EndingFaults))]
    public async Task A_fault_that_ends_a_sequence_terminates_it_and_later_messages_get_SequenceTerminated(string fault, string rmNamespace, bool offer)
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, rmNamespace);
        var reply = offer ? $"urn:uuid:{Guid.NewGuid()}" : null;
        var id = await rm.CreateSequenceAsync(reply);
        var instance = Guid.NewGuid();
        Assert.Equal(200, (await rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "1"), RawRm.AddItemBody(instance, 1))).Status);

        var (status, envelope) = fault switch
        {
            "LastMessage element on 1.1 (wrong version)" => await rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "2", last: true), RawRm.AddItemBody(instance, 2)),
            "MessageNumber that is not a number" => await rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "two"), RawRm.AddItemBody(instance, 2)),
            "acknowledgement of replies never sent" => await rm.SendAsync(AddItem,
                RawRm.SequenceHeader(id, "2") + $"<r:SequenceAcknowledgement><r:Identifier>{reply}</r:Identifier><r:AcknowledgementRange Lower=\"1\" Upper=\"9\"/></r:SequenceAcknowledgement>",
                RawRm.AddItemBody(instance, 2)),
            _ => await rm.SendAsync(RawRm.Rm11 + "/CloseSequence", "", $"<r:CloseSequence><r:Identifier>{id}</r:Identifier><r:LastMsgNumber>0</r:LastMsgNumber></r:CloseSequence>", $"urn:uuid:{Guid.NewGuid()}"),
        };
        Assert.Equal(500, status);
        Assert.Contains(RawSoap.FaultCode(envelope!).LocalName, new[] { "SequenceTerminated", "InvalidAcknowledgement" });

        Assert.Equal(Terminated, await StatusOfAsync(id));
        var (after, refused) = await rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "3"), RawRm.AddItemBody(instance, 3));
        Assert.Equal(500, after);
        Assert.Equal(XName.Get("SequenceTerminated", rmNamespace), RawSoap.FaultCode(refused!));
    }

    public static TheoryData<string, bool, string, bool> ClientFaults => new()
    {
        // name, SOAP 1.2, WS-RM namespace, names the offered reply sequence
        { "SOAP 1.1 with the rm:SequenceFault header (1.0)", false, RawRm.Rm10, false },
        { "SOAP 1.1 with the rm:SequenceFault header (1.1)", false, RawRm.Rm11, false },
        { "SOAP 1.2 with WS-RM 1.1's fault action", true, RawRm.Rm11, false },
        { "SOAP 1.2 about the offered reply sequence", true, RawRm.Rm10, true },
    };

    [Theory, MemberData(nameof(ClientFaults))]
    public async Task A_fault_the_client_sends_is_answered_202_and_ends_the_sequence_it_names(string _, bool soap12, string rmNamespace, bool aboutReply)
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, rmNamespace, soap12);
        var reply = $"urn:uuid:{Guid.NewGuid()}";
        var id = await rm.CreateSequenceAsync(aboutReply ? reply : null);
        var named = aboutReply ? reply : id;

        var (action, headers, body) = soap12
            ? (rmNamespace == RawRm.Rm11 ? RawRm.Rm11 + "/fault" : "http://www.w3.org/2005/08/addressing/soap/fault", "",
                "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>r:SequenceTerminated</s:Value></s:Subcode></s:Code>"
                + $"<s:Reason><s:Text xml:lang=\"en-US\">gave up</s:Text></s:Reason><s:Detail><r:Identifier>{named}</r:Identifier></s:Detail></s:Fault>")
            : (rmNamespace == RawRm.Rm11 ? RawRm.Rm11 + "/fault" : "http://www.w3.org/2005/08/addressing/soap/fault",
                "<r:SequenceFault><r:FaultCode>r:SequenceTerminated</r:FaultCode>"
                + (rmNamespace == RawRm.Rm11 ? $"<r:Detail><r:Identifier>{named}</r:Identifier></r:Detail>" : $"<r:Identifier>{named}</r:Identifier>")
                + "</r:SequenceFault>",
                "<s:Fault><faultcode>s:Client</faultcode><faultstring>gave up</faultstring></s:Fault>");

        var (status, answer) = await rm.SendAsync(action, headers, body);

        Assert.Equal(202, status);
        Assert.Null(answer);
        Assert.Equal(Terminated, await StatusOfAsync(id));
    }

    [Fact]
    public async Task Acknowledged_messages_held_behind_a_gap_are_applied_when_the_sequence_is_terminated()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var id = await rm.CreateSequenceAsync();
        var instance = Guid.NewGuid();
        foreach (var number in new[] { 1, 3, 4 })
            Assert.Equal(200, (await rm.SendAsync(AddItem, RawRm.SequenceHeader(id, number.ToString(System.Globalization.CultureInfo.InvariantCulture)), RawRm.AddItemBody(instance, number))).Status);
        Assert.Equal(2L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM rm_held_message WHERE sequence_id = '{id}'"));

        var (status, _) = await rm.SendAsync(RawRm.Rm10 + "/TerminateSequence", "", $"<r:TerminateSequence><r:Identifier>{id}</r:Identifier></r:TerminateSequence>");

        Assert.Equal(202, status);
        Assert.Equal(0L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM rm_held_message WHERE sequence_id = '{id}'"));
        Assert.Equal(3L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM outbox_message WHERE body->>'instanceId' = '{instance}'"));
    }

    [Fact]
    public async Task A_standalone_acknowledgement_is_checked_like_a_piggy_backed_one()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var reply = $"urn:uuid:{Guid.NewGuid()}";
        var id = await rm.CreateSequenceAsync(reply);
        string Ack(string identifier, int upper) =>
            $"<r:SequenceAcknowledgement><r:Identifier>{identifier}</r:Identifier><r:AcknowledgementRange Lower=\"1\" Upper=\"{upper}\"/></r:SequenceAcknowledgement>";

        var (unknown, unknownFault) = await rm.SendAsync(RawRm.Rm10 + "/SequenceAcknowledgement", Ack($"urn:uuid:{Guid.NewGuid()}", 1), "");
        Assert.Equal(500, unknown);
        Assert.Equal(XName.Get("UnknownSequence", RawRm.Rm10), RawSoap.FaultCode(unknownFault!));

        var (invalid, invalidFault) = await rm.SendAsync(RawRm.Rm10 + "/SequenceAcknowledgement", Ack(reply, 3), "");
        Assert.Equal(500, invalid);
        Assert.Equal(XName.Get("InvalidAcknowledgement", RawRm.Rm10), RawSoap.FaultCode(invalidFault!));
        Assert.Equal(Terminated, await StatusOfAsync(id));
    }

    [Fact]
    public async Task Replies_the_client_acknowledged_are_deleted_while_the_session_lives()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var reply = $"urn:uuid:{Guid.NewGuid()}";
        var id = await rm.CreateSequenceAsync(reply);
        var status = $"<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid()}</instanceId></GetStatus>";
        var (first, answer) = await rm.SendAsync(GetStatus, RawRm.SequenceHeader(id, "1"), status, $"urn:uuid:{Guid.NewGuid()}");
        Assert.Equal(200, first);
        Assert.Equal(reply, answer!.Descendants(XName.Get("Sequence", RawRm.Rm10)).Single().Element(XName.Get("Identifier", RawRm.Rm10))!.Value);
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM rm_reply WHERE sequence_id = '{id}'"));

        var (acked, _) = await rm.SendAsync(RawRm.Rm10 + "/SequenceAcknowledgement",
            $"<r:SequenceAcknowledgement><r:Identifier>{reply}</r:Identifier><r:AcknowledgementRange Lower=\"1\" Upper=\"1\"/></r:SequenceAcknowledgement>", "");

        Assert.Equal(202, acked);
        Assert.Equal(0L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM rm_reply WHERE sequence_id = '{id}'"));
    }

    [Fact]
    public async Task A_message_that_can_never_be_applied_is_acknowledged_and_parked_and_the_sequence_goes_on()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm11);
        var id = await rm.CreateSequenceAsync();
        var instance = Guid.NewGuid();
        var unreadable = $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId><index>one</index><value>v</value></AddItem>";

        var (status, ack) = await rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "1"), unreadable);
        var (next, _) = await rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "2"), RawRm.AddItemBody(instance, 2));

        Assert.Equal(200, status);
        var range = ack!.Descendants(XName.Get("AcknowledgementRange", RawRm.Rm11)).Single();
        Assert.Equal(("1", "1"), ((string)range.Attribute("Lower")!, (string)range.Attribute("Upper")!));
        Assert.Equal(200, next);
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM parked_message WHERE source = 'edge:/services/work' AND body LIKE '%{instance}%' AND reason LIKE '%index%'"));
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM outbox_message WHERE body->>'instanceId' = '{instance}'"));
        Assert.Equal(2L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT delivered_through FROM rm_sequence WHERE id = '{id}'"));
    }

    private async Task<int> StatusOfAsync(string id) => (int)await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT status FROM rm_sequence WHERE id = '{id}'");

}
