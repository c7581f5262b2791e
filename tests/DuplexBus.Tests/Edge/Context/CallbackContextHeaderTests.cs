using System.Xml.Linq;
using DuplexBus.Protocol.Context;
using static DuplexBus.Tests.Edge.Soap.Envelopes;

namespace DuplexBus.Tests.Edge.Context;

[Trait("Spec", "CallbackContext")]
public sealed class CallbackContextHeaderTests
{
    internal const string CallbackNs = "http://schemas.microsoft.com/ws/2008/02/context";
    internal const string ContextNs = "http://schemas.microsoft.com/ws/2006/05/context";

    internal static string Header(string eprContent) =>
        $"<CallbackContext xmlns=\"{CallbackNs}\"><CallbackEndpointReference>{eprContent}</CallbackEndpointReference></CallbackContext>";

    internal static string Epr(string address, string parameters = "", string wsa = Wsa10) =>
        $"<a:Address xmlns:a=\"{wsa}\">{address}</a:Address>"
        + (parameters.Length == 0 ? "" : $"<a:ReferenceParameters xmlns:a=\"{wsa}\">{parameters}</a:ReferenceParameters>");

    internal const string InstanceContext =
        $"<Context xmlns=\"{ContextNs}\"><Property name=\"instanceId\">client-7</Property></Context>";

    [Fact]
    public void The_callback_endpoint_reference_is_read_with_its_reference_parameters()
    {
        var header = XElement.Parse(Header(Epr(" http://client.example/cb ", InstanceContext + "<x:Extra xmlns:x=\"urn:x\">1</x:Extra>")));

        var ok = CallbackContextHeader.TryRead(header, out var callback, out var fault);

        Assert.True(ok);
        Assert.Null(fault);
        Assert.Equal("http://client.example/cb", callback!.Address);
        Assert.Equal([ContextNames.ContextHeader, XName.Get("Extra", "urn:x")], callback.ReferenceParameters.Select(p => p.Name));
        Assert.Equal("client-7", callback.ReferenceParameters[0].Element(ContextNames.Property)!.Value);
    }

    [Fact]
    public void A_callback_endpoint_reference_without_reference_parameters_is_valid()
    {
        Assert.True(CallbackContextHeader.TryRead(XElement.Parse(Header(Epr("http://client.example/cb"))), out var callback, out _));
        Assert.Empty(callback!.ReferenceParameters);
    }

    public static TheoryData<string, string, string> InvalidHeaders => new()
    {
        { "no CallbackEndpointReference", $"<CallbackContext xmlns=\"{CallbackNs}\"/>", "no CallbackEndpointReference" },
        { "no Address", Header(Epr("x").Replace("Address", "Other", StringComparison.Ordinal)), "has no WS-Addressing 1.0 Address" },
        { "empty Address", Header(Epr("  ")), "has no WS-Addressing 1.0 Address" },
        { "Address of WS-Addressing 2004/08", Header(Epr("http://client.example/cb", wsa: Wsa04)), "has no WS-Addressing 1.0 Address" },
        { "relative Address", Header(Epr("cb/here")), "'cb/here' is not an absolute URI" },
        { "anonymous Address", Header(Epr($"{Wsa10}/anonymous")), "cannot receive a callback" },
        { "none Address", Header(Epr($"{Wsa10}/none")), "cannot receive a callback" },
        { "two Contexts", Header(Epr("http://client.example/cb", InstanceContext + InstanceContext)), "more than one Context" },
        { "wrong element", $"<CallbackContext xmlns=\"urn:other\"/>", "is 'CallbackContext' from namespace 'urn:other'" },
    };

    [Theory, MemberData(nameof(InvalidHeaders))]
    public void An_invalid_callback_endpoint_reference_is_an_InvalidEPR_addressing_fault(string _, string xml, string reason)
    {
        var ok = CallbackContextHeader.TryRead(XElement.Parse(xml), out var callback, out var fault);

        Assert.False(ok);
        Assert.Null(callback);
        Assert.NotNull(fault);
        Assert.Equal("Sender", fault.Code.ToString());
        Assert.Equal(
            [XName.Get("InvalidAddressingHeader", Wsa10), XName.Get("InvalidEPR", Wsa10)],
            fault.Subcodes.ToArray());
        Assert.Equal("InvalidEPR", fault.Name);
        Assert.Contains(reason, fault.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Context_reference_parameter_that_violates_its_schema_is_the_Context_fault()
    {
        var badContext = $"<Context xmlns=\"{ContextNs}\"><Property>1</Property></Context>";

        var ok = CallbackContextHeader.TryRead(XElement.Parse(Header(Epr("http://client.example/cb", badContext))), out var callback, out var fault);

        Assert.False(ok);
        Assert.Null(callback);
        Assert.StartsWith("The Context header violates its schema: ", fault!.Reason, StringComparison.Ordinal);
        Assert.Empty(fault.Subcodes);
    }
}
