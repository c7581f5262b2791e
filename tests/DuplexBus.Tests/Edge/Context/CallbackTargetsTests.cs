using System.Xml.Linq;
using DuplexBus.Protocol.Context;
using DuplexBus.Protocol.Soap;
using static DuplexBus.Tests.Edge.Context.CallbackContextHeaderTests;
using static DuplexBus.Tests.Edge.Soap.Envelopes;

namespace DuplexBus.Tests.Edge.Context;

[Trait("Spec", "SAMPLE-CONTRACT callback precedence")]
public sealed class CallbackTargetsTests
{
    private const string StartWork = "urn:duplexbus:samples/WorkService/StartWork";
    private static readonly Guid InstanceId = Guid.Parse("6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11");

    private static string ReplyTo(string wsa, string address, string parameters = "") =>
        $"<a:ReplyTo xmlns:a=\"{wsa}\"><a:Address>{address}</a:Address>"
        + (parameters.Length == 0 ? "" : $"<a:ReferenceParameters>{parameters}</a:ReferenceParameters>")
        + "</a:ReplyTo>";

    private static SoapEnvelope Envelope(string soapNs, string wsa, string extraHeaders)
    {
        var result = Read(Addressed(soapNs, wsa, StartWork, "urn:uuid:1", extraHeaders: extraHeaders));
        Assert.True(result.IsEnvelope, result.Fault?.Reason);
        return result.Envelope;
    }

    private static EndpointAddress CallbackContextOf(SoapEnvelope envelope)
    {
        Assert.True(CallbackContextHeader.TryRead(envelope.Header(ContextNames.CallbackContextHeader)!, out var callback, out var fault), fault?.Reason);
        return callback!;
    }

    public static TheoryData<string, string, string, string?> Precedence => new()
    {
        { "CallbackContext beats ReplyTo", Wsa10, Header(Epr("http://client.example/durable", InstanceContext)) + ReplyTo(Wsa10, "http://client.example/reply"), "CallbackContext http://client.example/durable" },
        { "CallbackContext alone", Wsa10, Header(Epr("http://client.example/durable", InstanceContext)), "CallbackContext http://client.example/durable" },
        { "ReplyTo WSA 1.0", Wsa10, ReplyTo(Wsa10, "http://client.example/reply"), "ReplyTo http://client.example/reply" },
        { "ReplyTo WSA 2004/08", Wsa04, ReplyTo(Wsa04, "http://client.example/reply"), "ReplyTo http://client.example/reply" },
        { "anonymous ReplyTo WSA 1.0", Wsa10, ReplyTo(Wsa10, $"{Wsa10}/anonymous"), null },
        { "none ReplyTo WSA 1.0", Wsa10, ReplyTo(Wsa10, $"{Wsa10}/none"), null },
        { "anonymous ReplyTo WSA 2004/08", Wsa04, ReplyTo(Wsa04, $"{Wsa04}/role/anonymous"), null },
        { "ReplyTo without address", Wsa10, ReplyTo(Wsa10, ""), null },
        { "neither", Wsa10, "", null },
    };

    [Theory, MemberData(nameof(Precedence))]
    public void The_callback_goes_to_CallbackContext_then_a_real_ReplyTo_then_nowhere(string _, string wsa, string headers, string? expected)
    {
        var envelope = Envelope(Soap12, wsa, headers);
        var callbackContext = envelope.Header(ContextNames.CallbackContextHeader) is null ? null : CallbackContextOf(envelope);

        var target = CallbackTargets.Resolve(envelope, callbackContext, InstanceId);

        Assert.Equal(expected, target is null ? null : $"{target.Source} {target.Address}");
    }

    [Fact]
    public void A_CallbackContext_target_keeps_its_reference_parameters_and_uses_WSA_10_in_the_request_SOAP_version()
    {
        var envelope = Envelope(Soap11, Wsa04, Header(Epr("http://client.example/durable", InstanceContext)));

        var target = CallbackTargets.Resolve(envelope, CallbackContextOf(envelope), InstanceId)!;

        Assert.Same(SoapVersion.Soap11, target.Soap);
        Assert.Same(AddressingVersion.V10, target.Addressing);
        Assert.Equal("client-7", Assert.Single(target.ReferenceParameters).Element(ContextNames.Property)!.Value);
    }

    [Theory]
    [InlineData(Soap12, Wsa10)]
    [InlineData(Soap11, Wsa04)]
    public void A_ReplyTo_target_gets_a_Context_with_the_instanceId_after_its_own_parameters(string soapNs, string wsa)
    {
        var envelope = Envelope(soapNs, wsa, ReplyTo(wsa, "http://client.example/reply", "<x:Extra xmlns:x=\"urn:x\">1</x:Extra>"));

        var target = CallbackTargets.Resolve(envelope, null, InstanceId)!;

        Assert.Same(envelope.Version, target.Soap);
        Assert.Same(envelope.Addressing, target.Addressing);
        Assert.Equal([XName.Get("Extra", "urn:x"), ContextNames.ContextHeader], target.ReferenceParameters.Select(p => p.Name));
        Assert.True(ContextHeader.TryRead(target.ReferenceParameters[1], out var context, out _));
        Assert.Equal("6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11", Assert.Single(context, p => p.Key == ContextNames.InstanceId).Value);
        Assert.Single(context);
    }

    [Fact]
    public void A_ReplyTo_that_already_carries_a_Context_keeps_it()
    {
        var envelope = Envelope(Soap12, Wsa10, ReplyTo(Wsa10, "http://client.example/reply", InstanceContext));

        var target = CallbackTargets.Resolve(envelope, null, InstanceId)!;

        Assert.True(ContextHeader.TryRead(Assert.Single(target.ReferenceParameters), out var context, out _));
        Assert.Equal("client-7", context[ContextNames.InstanceId]);
    }
}
