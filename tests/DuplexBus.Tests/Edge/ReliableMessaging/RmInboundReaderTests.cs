using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;
using DuplexBus.Tests.Edge.Soap;

namespace DuplexBus.Tests.Edge.ReliableMessaging;

public sealed class RmInboundReaderTests
{
    private const string Rm10 = "http://schemas.xmlsoap.org/ws/2005/02/rm";
    private const string Rm11 = "http://docs.oasis-open.org/ws-rx/wsrm/200702";
    private static readonly SoapReadOptions Understood = SoapReadOptions.Default with
    {
        UnderstoodHeaders = RmVersion.V10.Headers.Concat(RmVersion.V11.Headers).ToHashSet(),
    };

    private static RmReadResult Read(string rmNs, string action, string headers, string body, string? soapNs = null, string? wsaNs = null)
    {
        var xml = Envelopes.Addressed(soapNs ?? Envelopes.Soap12, wsaNs ?? Envelopes.Wsa10, action, "urn:uuid:m", body,
            headers).Replace("<s:Envelope ", $"<s:Envelope xmlns:r=\"{rmNs}\" ", StringComparison.Ordinal);
        var envelope = Envelopes.Read(xml, options: Understood);
        Assert.True(envelope.IsEnvelope, envelope.Fault?.ToString());
        return RmInboundReader.Read(envelope.Envelope);
    }

    [Fact]
    public void Plain_SOAP_message_is_not_reliable()
    {
        var envelope = Envelopes.Read(Envelopes.Addressed(Envelopes.Soap12, Envelopes.Wsa10, "urn:duplexbus:samples/WorkService/AddItem"));

        Assert.False(RmInboundReader.Read(envelope.Envelope!).IsReliable);
        Assert.Null(RmInboundReader.Read(envelope.Envelope!).Fault);
    }

    [Fact]
    public void Sequence_header_is_read_with_its_version()
    {
        var result = Read(Rm10, "urn:duplexbus:samples/WorkService/AddItem",
            "<r:Sequence s:mustUnderstand=\"1\"><r:Identifier> urn:uuid:s </r:Identifier><r:MessageNumber>7</r:MessageNumber></r:Sequence>", Envelopes.AddItemBody);

        Assert.Same(RmVersion.V10, result.Inbound!.Version);
        Assert.Equal(new SequenceHeader("urn:uuid:s", 7, false), result.Inbound.Sequence);
    }

    [Fact]
    public void B1202_LastMessage_is_recognised_by_its_action()
    {
        var result = Read(Rm10, Rm10 + "/LastMessage",
            "<r:Sequence s:mustUnderstand=\"1\"><r:Identifier>urn:uuid:s</r:Identifier><r:MessageNumber>3</r:MessageNumber><r:LastMessage/></r:Sequence>", "");

        Assert.True(result.Inbound!.Sequence!.LastMessage);
        Assert.True(result.Inbound.IsLastMessageMarker(Rm10 + "/LastMessage"));
    }

    public static TheoryData<string, string> BadNumbers => new()
    {
        { "9223372036854775808", "MessageNumberRollover" },
        { "0", "SequenceTerminated" },
        { "-1", "SequenceTerminated" },
        { "seven", "SequenceTerminated" },
    };

    [Theory, MemberData(nameof(BadNumbers))]
    public void B1201_message_numbers_outside_1_to_xs_long_max_are_faults(string number, string fault)
    {
        var result = Read(Rm11, "urn:duplexbus:samples/WorkService/AddItem",
            $"<r:Sequence s:mustUnderstand=\"1\"><r:Identifier>urn:uuid:s</r:Identifier><r:MessageNumber>{number}</r:MessageNumber></r:Sequence>", Envelopes.AddItemBody);

        Assert.Equal(fault, result.Fault!.Name);
    }

    [Fact]
    public void B1402_B1403_acknowledgement_with_0_0_and_Nack_is_read()
    {
        var result = Read(Rm10, Rm10 + "/SequenceAcknowledgement",
            "<r:SequenceAcknowledgement><r:Identifier>urn:uuid:reply</r:Identifier><r:AcknowledgementRange Lower=\"0\" Upper=\"0\"/></r:SequenceAcknowledgement>"
            + "<r:SequenceAcknowledgement><r:Identifier>urn:uuid:other</r:Identifier><r:Nack>2</r:Nack></r:SequenceAcknowledgement>", "");

        var acks = result.Inbound!.Acknowledgements;
        Assert.True(acks[0].Ranges.IsEmpty);
        Assert.Equal([2L], acks[1].Nacks.ToArray());
    }

    [Fact]
    public void Acknowledgement_with_Lower_above_Upper_is_InvalidAcknowledgement()
    {
        var result = Read(Rm10, Rm10 + "/SequenceAcknowledgement",
            "<r:SequenceAcknowledgement><r:Identifier>urn:uuid:reply</r:Identifier><r:AcknowledgementRange Lower=\"5\" Upper=\"2\"/></r:SequenceAcknowledgement>", "");

        Assert.Equal("InvalidAcknowledgement", result.Fault!.Name);
    }

    [Fact]
    public void B1102_CreateSequence_with_Expires_and_an_Offer_is_read_and_Expires_ignored()
    {
        var result = Read(Rm11, Rm11 + "/CreateSequence", "",
            "<r:CreateSequence><r:AcksTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></r:AcksTo><r:Expires>PT1H</r:Expires>"
            + "<r:Offer><r:Identifier>urn:uuid:offer</r:Identifier><r:Endpoint><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></r:Endpoint>"
            + "<r:IncompleteSequenceBehavior>DiscardFollowingFirstGap</r:IncompleteSequenceBehavior></r:Offer></r:CreateSequence>");

        var create = Assert.IsType<CreateSequenceRequest>(result.Inbound!.Request);
        Assert.Equal(AddressingVersion.V10.AnonymousUri, create.AcksTo.Address);
        Assert.Equal("urn:uuid:offer", create.OfferIdentifier);
        Assert.Equal(AddressingVersion.V10.AnonymousUri, create.OfferEndpoint!.Address);
    }

    [Fact]
    public void V11_close_and_terminate_carry_LastMsgNumber()
    {
        var close = Read(Rm11, Rm11 + "/CloseSequence", "", "<r:CloseSequence><r:Identifier>urn:uuid:s</r:Identifier><r:LastMsgNumber>4</r:LastMsgNumber></r:CloseSequence>");
        var terminate = Read(Rm11, Rm11 + "/TerminateSequence", "", "<r:TerminateSequence><r:Identifier>urn:uuid:s</r:Identifier></r:TerminateSequence>");

        Assert.Equal(new CloseSequenceRequest("urn:uuid:s", 4), close.Inbound!.Request);
        Assert.Equal(new TerminateSequenceRequest("urn:uuid:s", null), terminate.Inbound!.Request);
    }

    [Fact]
    public void RM_without_WS_Addressing_needs_an_Action_header()
    {
        var xml = $"<s:Envelope xmlns:s=\"{Envelopes.Soap12}\" xmlns:r=\"{Rm10}\"><s:Header><r:AckRequested><r:Identifier>urn:uuid:s</r:Identifier></r:AckRequested></s:Header><s:Body/></s:Envelope>";
        var envelope = Envelopes.Read(xml, SoapVersion.Soap12, options: Understood);

        Assert.Equal("MessageAddressingHeaderRequired", RmInboundReader.Read(envelope.Envelope!).Fault!.Name);
    }

    private const string Anonymous = "<a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address>";

    public static TheoryData<string, string, string, string, string> RefusedProtocolBodies => new()
    {
        { "CreateSequence under another action (B1602)", Rm10, Rm10 + "/TerminateSequence", $"<r:CreateSequence><r:AcksTo>{Anonymous}</r:AcksTo></r:CreateSequence>", "ActionNotSupported" },
        { "AcksTo without an Address", Rm10, Rm10 + "/CreateSequence", "<r:CreateSequence><r:AcksTo/></r:CreateSequence>", "CreateSequenceRefused" },
        { "1.1 Offer without Endpoint", Rm11, Rm11 + "/CreateSequence", $"<r:CreateSequence><r:AcksTo>{Anonymous}</r:AcksTo><r:Offer><r:Identifier>urn:uuid:o</r:Identifier></r:Offer></r:CreateSequence>", "CreateSequenceRefused" },
        { "1.1 Offer with an undefined IncompleteSequenceBehavior", Rm11, Rm11 + "/CreateSequence", $"<r:CreateSequence><r:AcksTo>{Anonymous}</r:AcksTo><r:Offer><r:Identifier>urn:uuid:o</r:Identifier><r:Endpoint>{Anonymous}</r:Endpoint><r:IncompleteSequenceBehavior>Maybe</r:IncompleteSequenceBehavior></r:Offer></r:CreateSequence>", "CreateSequenceRefused" },
    };

    [Theory, MemberData(nameof(RefusedProtocolBodies))]
    public void Malformed_protocol_bodies_get_the_fault_the_specs_name(string _, string rm, string action, string body, string expected) =>
        Assert.Equal(expected, Read(rm, action, "", body).Fault?.Name);

    [Fact]
    public void A_1_0_CloseSequence_is_no_protocol_request()
    {
        var result = Read(Rm10, Rm10 + "/CloseSequence", "", "<r:CloseSequence><r:Identifier>urn:uuid:s</r:Identifier></r:CloseSequence>");

        Assert.Null(result.Inbound!.Request);
    }

    public static TheoryData<string, string, string, string, string> ClientFaults => new()
    {
        { "SOAP 1.1, rm:SequenceFault header (1.0)", Envelopes.Soap11, Rm10, "<r:SequenceFault><r:FaultCode>r:SequenceTerminated</r:FaultCode><r:Identifier>urn:uuid:s</r:Identifier></r:SequenceFault>",
            "<s:Fault><faultcode>s:Client</faultcode><faultstring>x</faultstring></s:Fault>" },
        { "SOAP 1.1, rm:SequenceFault header with rm:Detail (1.1)", Envelopes.Soap11, Rm11, "<r:SequenceFault><r:FaultCode>r:SequenceTerminated</r:FaultCode><r:Detail><r:Identifier>urn:uuid:s</r:Identifier></r:Detail></r:SequenceFault>",
            "<s:Fault><faultcode>s:Client</faultcode><faultstring>x</faultstring></s:Fault>" },
        { "SOAP 1.2, subcode and detail", Envelopes.Soap12, Rm11, "",
            "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>r:SequenceTerminated</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en\">x</s:Text></s:Reason><s:Detail><r:Identifier>urn:uuid:s</r:Identifier></s:Detail></s:Fault>" },
    };

    [Theory, MemberData(nameof(ClientFaults))]
    public void Faults_sent_by_clients_are_read_in_every_version(string _, string soap, string rm, string headers, string body)
    {
        var result = Read(rm, rm == Rm11 ? Rm11 + "/fault" : "http://www.w3.org/2005/08/addressing/soap/fault", headers, body, soap);

        Assert.Equal(new RmClientFault("SequenceTerminated", "urn:uuid:s"), result.Inbound!.ClientFault);
    }

    [Fact]
    public void A_malformed_Sequence_header_names_the_sequence_it_ends()
    {
        var result = Read(Rm10, "urn:duplexbus:samples/WorkService/AddItem",
            "<r:Sequence s:mustUnderstand=\"1\"><r:Identifier>urn:uuid:s</r:Identifier><r:MessageNumber>x</r:MessageNumber></r:Sequence>", Envelopes.AddItemBody);

        Assert.Equal("SequenceTerminated", result.Fault!.Name);
        Assert.Equal(new RmFaultedSequence("urn:uuid:s", IsReplySequence: false, RmVersion.V10), result.Ends);
    }
}
