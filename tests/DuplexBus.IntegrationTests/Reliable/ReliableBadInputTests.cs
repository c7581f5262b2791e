using System.Xml.Linq;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Skeleton;
using Npgsql;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>WS-RM input no WCF client sends: the fault the specs name, in the request's version, and nothing stored.</summary>
[Collection(nameof(RealServers))]
public sealed class ReliableBadInputTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    private const string AddItem = "urn:duplexbus:samples/WorkService/AddItem";
    private Uri Service => new(fixture.Host.BaseAddress, "/services/work");

    private static XName Subcode(XElement envelope)
    {
        var code = RawSoap.FaultCode(envelope);
        return code;
    }

    private async Task<(int Status, XElement? Envelope)> AfterSetupAsync(Func<Task<(int, XElement?)>> badMessage)
    {
        var before = await CountAsync();
        var result = await badMessage();
        Assert.Equal(before, await CountAsync());
        return result;
    }

    [Fact]
    public async Task Message_on_an_unknown_or_forged_sequence_gets_UnknownSequence()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(AddItem, RawRm.SequenceHeader($"urn:uuid:{Guid.NewGuid()}", "1"), RawRm.AddItemBody(Guid.NewGuid(), 1)));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get("UnknownSequence", RawRm.Rm10), Subcode(envelope!));
        Assert.Equal("http://www.w3.org/2005/08/addressing/soap/fault", envelope!.Descendants(XName.Get("Action", RawSoap.Wsa10)).Single().Value);
    }

    [Fact]
    public async Task Under_SOAP_11_a_sequence_fault_travels_in_a_SequenceFault_header()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm11, soap12: false);

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(AddItem, RawRm.SequenceHeader("urn:uuid:forged", "1"), RawRm.AddItemBody(Guid.NewGuid(), 1)));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get("Client", RawSoap.Soap11.NamespaceName), RawSoap.FaultCode(envelope!));
        var header = envelope!.Descendants(XName.Get("SequenceFault", RawRm.Rm11)).Single();
        var code = header.Element(XName.Get("FaultCode", RawRm.Rm11))!;
        Assert.Equal("UnknownSequence", code.Value.Split(':')[1]);
        Assert.Equal(RawRm.Rm11, code.GetNamespaceOfPrefix(code.Value.Split(':')[0])!.NamespaceName);
        Assert.Equal("urn:uuid:forged", header.Descendants(XName.Get("Identifier", RawRm.Rm11)).Single().Value);
    }

    [Fact]
    public async Task Number_past_xs_long_gets_MessageNumberRollover()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm11);
        var id = await rm.CreateSequenceAsync();

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "9223372036854775808"), RawRm.AddItemBody(Guid.NewGuid(), 1)));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get("MessageNumberRollover", RawRm.Rm11), Subcode(envelope!));
        Assert.Equal("9223372036854775807", envelope!.Descendants(XName.Get("MaxMessageNumber", RawRm.Rm11)).Single().Value);
    }

    [Fact]
    public async Task Acknowledgement_of_replies_never_sent_gets_InvalidAcknowledgement()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var offer = $"urn:uuid:{Guid.NewGuid()}";
        var id = await rm.CreateSequenceAsync(offer);
        var ack = $"<r:SequenceAcknowledgement><r:Identifier>{offer}</r:Identifier><r:AcknowledgementRange Lower=\"1\" Upper=\"5\"/></r:SequenceAcknowledgement>";

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "1") + ack, RawRm.AddItemBody(Guid.NewGuid(), 1)));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get("InvalidAcknowledgement", RawRm.Rm10), Subcode(envelope!));
    }

    [Fact]
    public async Task Message_after_the_LastMessage_gets_LastMessageNumberExceeded()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var id = await rm.CreateSequenceAsync();
        var (last, _) = await rm.SendAsync(RawRm.Rm10 + "/LastMessage", RawRm.SequenceHeader(id, "1", last: true), "");
        Assert.Equal(200, last);

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "2"), RawRm.AddItemBody(Guid.NewGuid(), 1)));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get("LastMessageNumberExceeded", RawRm.Rm10), Subcode(envelope!));
    }

    [Fact]
    public async Task Message_after_CloseSequence_gets_SequenceClosed()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm11);
        var id = await rm.CreateSequenceAsync();
        var (closed, response) = await rm.SendAsync(RawRm.Rm11 + "/CloseSequence", "", $"<r:CloseSequence><r:Identifier>{id}</r:Identifier><r:LastMsgNumber>0</r:LastMsgNumber></r:CloseSequence>", $"urn:uuid:{Guid.NewGuid()}");
        Assert.Equal(200, closed);
        Assert.NotEmpty(response!.Descendants(XName.Get("CloseSequenceResponse", RawRm.Rm11)));

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(AddItem, RawRm.SequenceHeader(id, "1"), RawRm.AddItemBody(Guid.NewGuid(), 1)));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get("SequenceClosed", RawRm.Rm11), Subcode(envelope!));
    }

    public static TheoryData<string, bool, string, string> RefusedCreations => new()
    {
        { "no MessageID (B1601)", false, "<a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address>", "{http://www.w3.org/2005/08/addressing}MessageAddressingHeaderRequired" },
        { "AcksTo differs from ReplyTo (R1105)", true, "<a:Address>http://client.example/acks</a:Address>", $"{{{RawRm.Rm10}}}CreateSequenceRefused" },
    };

    [Theory, MemberData(nameof(RefusedCreations))]
    public async Task Refused_CreateSequence_gets_the_named_fault_and_creates_nothing(string _, bool withMessageId, string acksTo, string expected)
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(
            RawRm.Rm10 + "/CreateSequence", "", $"<r:CreateSequence><r:AcksTo>{acksTo}</r:AcksTo></r:CreateSequence>",
            withMessageId ? $"urn:uuid:{Guid.NewGuid()}" : null));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get(expected), Subcode(envelope!));
    }

    [Fact]
    public async Task Unknown_RM_action_without_a_Sequence_gets_ActionNotSupported()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm11);

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync(RawRm.Rm11 + "/MakeCoffee", "", "<r:MakeCoffee/>", $"urn:uuid:{Guid.NewGuid()}"));

        Assert.Equal(500, status);
        Assert.Equal(XName.Get("ActionNotSupported", RawSoap.Wsa10), Subcode(envelope!));
    }

    [Fact]
    public async Task Fault_sent_by_a_client_is_taken_with_202_and_stores_nothing()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var fault = "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>r:SequenceTerminated</s:Value></s:Subcode></s:Code>"
            + "<s:Reason><s:Text xml:lang=\"en-US\">The client gave up.</s:Text></s:Reason><s:Detail><r:Identifier>urn:uuid:x</r:Identifier></s:Detail></s:Fault>";

        var (status, envelope) = await AfterSetupAsync(() => rm.SendAsync("http://www.w3.org/2005/08/addressing/soap/fault", "", fault));

        Assert.Equal(202, status);
        Assert.Null(envelope);
    }

    [Fact]
    public async Task Resent_CreateSequence_opens_no_second_sequence()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var messageId = $"urn:uuid:{Guid.NewGuid()}";
        const string body = "<r:CreateSequence><r:AcksTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></r:AcksTo></r:CreateSequence>";

        var (first, created) = await rm.SendAsync(RawRm.Rm10 + "/CreateSequence", "", body, messageId);
        var (second, again) = await AfterSetupAsync(() => rm.SendAsync(RawRm.Rm10 + "/CreateSequence", "", body, messageId));

        Assert.Equal(200, first);
        Assert.Equal(200, second);
        var id = XName.Get("Identifier", RawRm.Rm10);
        Assert.Equal(created!.Descendants(id).Single().Value, again!.Descendants(id).Single().Value);
        Assert.Equal(messageId, again.Descendants(XName.Get("RelatesTo", RawSoap.Wsa10)).Single().Value);
    }

    private async Task<(long Outbox, long Sequences, long Held, long Replies)> CountAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM outbox_message), (SELECT count(*) FROM rm_sequence), (SELECT count(*) FROM rm_held_message), (SELECT count(*) FROM rm_reply)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
