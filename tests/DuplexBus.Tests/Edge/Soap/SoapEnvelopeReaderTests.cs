using DuplexBus.Protocol.Soap;
using static DuplexBus.Tests.Edge.Soap.Envelopes;

namespace DuplexBus.Tests.Edge.Soap;

public sealed class SoapEnvelopeReaderTests
{
    private const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";

    [Fact]
    public void Plain_SOAP_11_takes_its_action_from_the_HTTP_SOAPAction()
    {
        var result = Read(Plain11(), SoapVersion.Soap11, AddItemAction);

        Assert.True(result.IsEnvelope);
        Assert.Same(SoapVersion.Soap11, result.Envelope.Version);
        Assert.Same(AddressingVersion.None, result.Envelope.Addressing);
        Assert.Equal(AddItemAction, result.Envelope.Action);
        Assert.Equal("AddItem", result.Envelope.Body!.Name.LocalName);
    }

    public static TheoryData<string, string, string, string> AddressedVersions => new()
    {
        { "SOAP 1.2 + WSA 1.0", Soap12, Wsa10, "WS-Addressing 1.0" },
        { "SOAP 1.1 + WSA 1.0", Soap11, Wsa10, "WS-Addressing 1.0" },
        { "SOAP 1.2 + WSA 2004/08", Soap12, Wsa04, "WS-Addressing 2004/08" },
        { "SOAP 1.1 + WSA 2004/08", Soap11, Wsa04, "WS-Addressing 2004/08" },
    };

    [Theory, MemberData(nameof(AddressedVersions))]
    public void Addressed_envelope_is_detected_per_message(string _, string soapNs, string wsaNs, string addressing)
    {
        var result = Read(Addressed(soapNs, wsaNs, AddItemAction, "urn:uuid:1"));

        Assert.True(result.IsEnvelope);
        Assert.Equal(soapNs, result.Envelope.Version.Namespace.NamespaceName);
        Assert.Equal(addressing, result.Envelope.Addressing.Name);
        Assert.Equal(AddItemAction, result.Envelope.Action);
        Assert.Equal("urn:uuid:1", result.Envelope.MessageId);
        Assert.Empty(result.Envelope.Headers);
    }

    [Fact]
    public void ReplyTo_is_read_as_an_endpoint_reference_with_its_parameters()
    {
        var replyTo = $"<a:ReplyTo><a:Address>http://client/cb</a:Address><a:ReferenceParameters><p xmlns=\"urn:x\">1</p></a:ReferenceParameters></a:ReplyTo>";
        var result = Read(Addressed(Soap12, Wsa10, AddItemAction, extraHeaders: replyTo));

        Assert.Equal("http://client/cb", result.Envelope!.AddressingHeaders.ReplyTo!.Address);
        Assert.Equal("1", Assert.Single(result.Envelope.AddressingHeaders.ReplyTo.ReferenceParameters).Value);
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "not XML", "<s:Envelope", "Sender" },
        { "malformed XML", $"<s:Envelope xmlns:s=\"{Soap12}\"><s:Body><x></s:Body></s:Envelope>", "Sender" },
        { "DTD", $"<!DOCTYPE x [<!ENTITY e \"boom\">]><s:Envelope xmlns:s=\"{Soap12}\"><s:Body>&e;</s:Body></s:Envelope>", "Sender" },
        { "not an envelope", "<Foo/>", "Sender" },
        { "envelope without a namespace", "<Envelope/>", "VersionMismatch" },
        { "unknown envelope namespace", "<s:Envelope xmlns:s=\"urn:other\"><s:Body/></s:Envelope>", "VersionMismatch" },
        { "SOAP 1.1 envelope under SOAP 1.2 content type", Plain11(), "VersionMismatch" },
        { "no body", $"<s:Envelope xmlns:s=\"{Soap12}\"><s:Header/></s:Envelope>", "Sender" },
        { "mustUnderstand header nobody understands", $"<s:Envelope xmlns:s=\"{Soap12}\"><s:Header><x:Secret xmlns:x=\"urn:x\" s:mustUnderstand=\"1\"/></s:Header><s:Body/></s:Envelope>", "MustUnderstand" },
        { "addressed message without Action", $"<s:Envelope xmlns:s=\"{Soap12}\" xmlns:a=\"{Wsa10}\"><s:Header><a:MessageID>urn:uuid:1</a:MessageID></s:Header><s:Body/></s:Envelope>", "MessageAddressingHeaderRequired" },
    };

    private const string Act = "urn:duplexbus:samples/WorkService/AddItem";

    public static TheoryData<string, string, string?, string> InvalidAddressing => new()
    {
        { "two Actions (WSA 1.0 SOAP binding 6.4.1)", Addressed(Soap12, Wsa10, Act, extraHeaders: $"<a:Action>{Act}</a:Action>"), null, "InvalidAddressingHeader/InvalidCardinality" },
        { "two MessageIDs", Addressed(Soap12, Wsa10, Act, "urn:uuid:1", extraHeaders: "<a:MessageID>urn:uuid:2</a:MessageID>"), null, "InvalidAddressingHeader/InvalidCardinality" },
        { "two ReplyTos", Addressed(Soap12, Wsa10, Act, extraHeaders: "<a:ReplyTo><a:Address>http://x/</a:Address></a:ReplyTo><a:ReplyTo><a:Address>http://y/</a:Address></a:ReplyTo>"), null, "InvalidAddressingHeader/InvalidCardinality" },
        { "ReplyTo without an Address", Addressed(Soap12, Wsa10, Act, extraHeaders: "<a:ReplyTo/>"), null, "InvalidAddressingHeader/MissingAddressInEPR" },
        { "FaultTo without an Address", Addressed(Soap12, Wsa10, Act, extraHeaders: "<a:FaultTo><a:ReferenceParameters/></a:FaultTo>"), null, "InvalidAddressingHeader/MissingAddressInEPR" },
        { "empty MessageID", Addressed(Soap12, Wsa10, Act, " "), null, "InvalidAddressingHeader" },
        { "HTTP action differs from wsa:Action", Addressed(Soap12, Wsa10, Act), "urn:other", "InvalidAddressingHeader/ActionMismatch" },
        { "2004/08: one fault for every invalid header", Addressed(Soap12, Wsa04, Act, extraHeaders: $"<a:Action>{Act}</a:Action>"), null, "InvalidMessageInformationHeader" },
    };

    [Theory, MemberData(nameof(InvalidAddressing))]
    public void Invalid_addressing_headers_get_the_fault_WS_Addressing_names(string _, string xml, string? httpAction, string expected)
    {
        var result = Read(xml, SoapVersion.Soap12, httpAction);

        Assert.False(result.IsEnvelope);
        Assert.Equal(expected, string.Join("/", result.Fault.Subcodes.Select(c => c.LocalName)));
        Assert.Equal(result.Addressing == AddressingVersion.V10 ? "http://www.w3.org/2005/08/addressing/fault" : result.Addressing.DefaultFaultAction, result.Fault.Action);
    }

    [Fact]
    public void The_same_action_over_HTTP_and_in_wsa_Action_is_accepted() =>
        Assert.True(Read(Addressed(Soap12, Wsa10, Act), SoapVersion.Soap12, Act).IsEnvelope);

    [Theory, MemberData(nameof(BadInput))]
    public void Bad_input_is_a_fault_not_an_exception(string _, string xml, string expectedFault)
    {
        var result = Read(xml, SoapVersion.Soap12);

        Assert.False(result.IsEnvelope);
        Assert.Equal(expectedFault, result.Fault.Name);
        Assert.Same(SoapVersion.Soap12, result.Version);
    }

    [Fact]
    public void DTD_gets_its_own_reason()
    {
        var result = Read($"<!DOCTYPE x><s:Envelope xmlns:s=\"{Soap11}\"><s:Body/></s:Envelope>", SoapVersion.Soap11);

        Assert.Contains("DTD", result.Fault!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("<d>", 40)) + string.Concat(Enumerable.Repeat("</d>", 40));
        var result = Read(Plain11(deep), SoapVersion.Soap11, options: SoapReadOptions.Default with { MaxDepth = 32 });

        Assert.False(result.IsEnvelope);
        Assert.Contains("deeper", result.Fault.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_longer_than_the_character_limit_is_refused()
    {
        var result = Read(Plain11(new string('x', 10_000)), SoapVersion.Soap11, options: SoapReadOptions.Default with { MaxCharacters = 2_000 });

        Assert.False(result.IsEnvelope);
        Assert.Equal("Sender", result.Fault.Name);
    }

    [Fact]
    public void Understood_mustUnderstand_headers_are_kept_for_later_steps()
    {
        var header = "<r:Sequence xmlns:r=\"http://schemas.xmlsoap.org/ws/2005/02/rm\" s:mustUnderstand=\"1\"><r:Identifier>urn:uuid:s</r:Identifier></r:Sequence>";
        var understood = new HashSet<System.Xml.Linq.XName> { System.Xml.Linq.XName.Get("Sequence", "http://schemas.xmlsoap.org/ws/2005/02/rm") };
        var result = Read(Addressed(Soap12, Wsa10, AddItemAction, extraHeaders: header), options: SoapReadOptions.Default with { UnderstoodHeaders = understood });

        Assert.True(result.IsEnvelope);
        Assert.Equal("Sequence", Assert.Single(result.Envelope.Headers).Name.LocalName);
    }
}
