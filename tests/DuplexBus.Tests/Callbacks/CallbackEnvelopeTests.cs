using System.Text;
using System.Xml.Linq;
using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class CallbackEnvelopeTests
{
    private static readonly XNamespace Ctx = "http://schemas.microsoft.com/ws/2006/05/context";

    private static CallbackMessage Callback(string soap, string addressing) => new()
    {
        Id = Guid.Parse("94df918b-a19a-51a3-ad41-28d5cb80dead"),
        Address = "http://127.0.0.1:7080/cb",
        SoapVersion = soap,
        AddressingVersion = addressing,
        Action = "urn:duplexbus:samples/WorkCallback/WorkCompleted",
        Headers = "<Context xmlns=\"http://schemas.microsoft.com/ws/2006/05/context\"><Property name=\"instanceId\">5f0c</Property></Context><Extra xmlns=\"urn:x\">1</Extra>",
        Body = "<WorkCompleted xmlns=\"urn:duplexbus:samples\"><instanceId>5f0c</instanceId><itemCount>3</itemCount></WorkCompleted>",
    };

    [Theory]
    [InlineData("1.2", "1.0", "http://www.w3.org/2003/05/soap-envelope", "http://www.w3.org/2005/08/addressing")]
    [InlineData("1.1", "1.0", "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2005/08/addressing")]
    [InlineData("1.2", "2004/08", "http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/ws/2004/08/addressing")]
    [InlineData("1.1", "2004/08", "http://schemas.xmlsoap.org/soap/envelope/", "http://schemas.xmlsoap.org/ws/2004/08/addressing")]
    public void A_callback_speaks_the_soap_and_addressing_version_the_client_used(string soap, string addressing, string envelopeNs, string wsaNs)
    {
        var envelope = CallbackEnvelope.For(Callback(soap, addressing));
        var xml = XElement.Parse(Encoding.UTF8.GetString(envelope.Content));
        XNamespace env = envelopeNs;
        XNamespace wsa = wsaNs;

        Assert.Equal(env + "Envelope", xml.Name);
        var header = xml.Element(env + "Header")!;
        Assert.Equal("urn:duplexbus:samples/WorkCallback/WorkCompleted", header.Element(wsa + "Action")!.Value);
        Assert.Equal("urn:uuid:94df918b-a19a-51a3-ad41-28d5cb80dead", header.Element(wsa + "MessageID")!.Value);
        Assert.Equal("http://127.0.0.1:7080/cb", header.Element(wsa + "To")!.Value);
        Assert.Equal("5f0c", header.Element(Ctx + "Context")!.Element(Ctx + "Property")!.Value);
        Assert.Equal("3", xml.Element(env + "Body")!.Elements().Single().Elements().Last().Value);
    }

    [Fact]
    public void Under_addressing_1_0_every_reference_parameter_is_marked_as_one()
    {
        var xml = XElement.Parse(Encoding.UTF8.GetString(CallbackEnvelope.For(Callback("1.2", "1.0")).Content));
        XNamespace wsa = "http://www.w3.org/2005/08/addressing";
        var parameters = xml.Elements().First().Elements().Where(e => e.Name.Namespace != wsa).ToList();

        Assert.Equal(2, parameters.Count);
        Assert.All(parameters, p => Assert.Equal("true", (string?)p.Attribute(wsa + "IsReferenceParameter")));
    }

    [Fact]
    public void Under_addressing_2004_08_reference_parameters_carry_no_marker()
    {
        var xml = XElement.Parse(Encoding.UTF8.GetString(CallbackEnvelope.For(Callback("1.2", "2004/08")).Content));

        Assert.DoesNotContain(xml.Descendants(), e => e.Attributes().Any(a => a.Name.LocalName == "IsReferenceParameter"));
    }

    [Fact]
    public void Soap_1_1_carries_the_action_in_SOAPAction_and_soap_1_2_in_the_media_type()
    {
        var soap11 = CallbackEnvelope.For(Callback("1.1", "1.0"));
        var soap12 = CallbackEnvelope.For(Callback("1.2", "1.0"));

        Assert.Equal("text/xml; charset=utf-8", soap11.ContentType);
        Assert.Equal("\"urn:duplexbus:samples/WorkCallback/WorkCompleted\"", soap11.SoapAction);
        Assert.Equal("application/soap+xml; charset=utf-8; action=\"urn:duplexbus:samples/WorkCallback/WorkCompleted\"", soap12.ContentType);
        Assert.Null(soap12.SoapAction);
    }

    [Fact]
    public void Every_attempt_of_one_callback_is_the_same_message()
    {
        var callback = Callback("1.2", "1.0");

        Assert.Equal(CallbackEnvelope.For(callback).Content, CallbackEnvelope.For(callback).Content);
    }

    [Fact]
    public void Stored_elements_read_back_as_they_were_written()
    {
        XElement[] elements = [new(Ctx + "Context", new XElement(Ctx + "Property", new XAttribute("name", "a"), "1")), new("{urn:x}Y", "2")];

        var text = CallbackEnvelope.Text(elements);

        Assert.Equal(elements.Select(e => e.ToString()), CallbackEnvelope.Elements(text).Select(e => e.ToString()));
        Assert.Empty(CallbackEnvelope.Elements(""));
    }

    [Fact]
    public void Reference_parameters_and_body_arrive_whole_and_a_stored_marker_is_replaced_not_doubled()
    {
        var callback = Callback("1.2", "1.0");
        callback.Headers = "<p:Key xmlns:p=\"urn:x\" xmlns:a=\"http://www.w3.org/2005/08/addressing\" a:IsReferenceParameter=\"false\" p:kind=\"k\"><p:Part/>  <p:Part>2 &amp; 3</p:Part></p:Key><Empty xmlns=\"urn:y\"/>";
        callback.Body = "<b:Done xmlns:b=\"urn:b\"><b:note><![CDATA[<not markup>]]></b:note><b:empty/></b:Done>";
        XNamespace wsa = "http://www.w3.org/2005/08/addressing";
        XNamespace x = "urn:x";

        var xml = XElement.Parse(Encoding.UTF8.GetString(CallbackEnvelope.For(callback).Content));

        var key = xml.Descendants(x + "Key").Single();
        Assert.Equal("true", (string?)key.Attribute(wsa + "IsReferenceParameter"));
        Assert.Single(key.Attributes(), a => a.Name.LocalName == "IsReferenceParameter");
        Assert.Equal("k", (string?)key.Attribute(x + "kind"));
        Assert.Equal(["", "2 & 3"], key.Elements(x + "Part").Select(p => p.Value));
        Assert.Equal("true", (string?)xml.Descendants("{urn:y}Empty").Single().Attribute(wsa + "IsReferenceParameter"));
        var done = xml.Descendants("{urn:b}Done").Single();
        Assert.Equal("<not markup>", done.Element("{urn:b}note")!.Value);
        Assert.NotNull(done.Element("{urn:b}empty"));
    }
}
