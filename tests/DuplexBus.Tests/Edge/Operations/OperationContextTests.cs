using System.Text;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Operations;
using DuplexBus.Tests.Edge.Soap;
using System.ServiceModel;
using Xunit;

namespace DuplexBus.Tests.Edge.Operations;

/// <summary>What a call's context and callback address do to the instance it addresses and the callback it asks for.</summary>
public sealed class OperationContextTests
{
    private const string Action = "urn:duplexbus:samples/WorkService/StartWork";
    private const string BodyInstance = "11111111-1111-1111-1111-111111111111";
    private const string ContextInstance = "22222222-2222-2222-2222-222222222222";
    private static readonly string StartWork =
        $"<StartWork xmlns=\"urn:duplexbus:samples\"><instanceId>{BodyInstance}</instanceId><steps>2</steps></StartWork>";

    private static readonly SoapService Service = SoapService.For<IStarts>(e => e.Map(
        "StartWork",
        call => new Started(call.InstanceId!.Value, call.Callback),
        takesCallback: true));

    [ServiceContract(Namespace = "urn:duplexbus:samples", Name = "WorkService")]
    public interface IStarts
    {
        [OperationContract(IsOneWay = true)]
        void StartWork(Guid instanceId, int steps);
    }

    private static string ContextHeader(string instance) =>
        $"<Context xmlns=\"http://schemas.microsoft.com/ws/2006/05/context\"><Property name=\"instanceId\">{instance}</Property></Context>";

    private static string ReplyTo(string address) => $"<a:ReplyTo><a:Address>{address}</a:Address></a:ReplyTo>";

    private static string CallbackContext(string address) =>
        "<CallbackContext xmlns=\"http://schemas.microsoft.com/ws/2008/02/context\"><CallbackEndpointReference>"
        + $"<a:Address>{address}</a:Address><a:ReferenceParameters>{ContextHeader("client-42")}</a:ReferenceParameters>"
        + "</CallbackEndpointReference></CallbackContext>";

    private static CallRead Call(string extraHeaders, string? cookie = null, string wsa = Envelopes.Wsa10)
    {
        var envelope = Envelopes.Read(Envelopes.Addressed(Envelopes.Soap12, wsa, Action, "urn:uuid:" + Guid.NewGuid(), StartWork, extraHeaders)).Envelope;
        return Service.Read(Service.Find(Action)!, envelope!, cookie, CallbackAddressPolicy.LoopbackOnly);
    }

    private static Started Translate(CallRead read)
    {
        Assert.True(read.Call is not null, read.Fault?.ToString());
        return (Started)((OneWayOperation)Service.Find(Action)!).ToMessage(read.Call);
    }

    private sealed record Started(Guid Id, CallbackEndpoint? Callback);

    [Fact]
    public void Without_a_context_the_body_names_the_instance()
    {
        var read = Call("");

        Assert.Equal(Guid.Parse(BodyInstance), Translate(read).Id);
        Assert.False(read.Call!.Context.Present);
        Assert.Equal(Guid.Parse(BodyInstance), read.Call!.InstanceId);
    }

    [Fact]
    public void A_context_header_routes_the_call_to_its_instance()
    {
        var read = Call(ContextHeader(ContextInstance));

        Assert.Equal(Guid.Parse(ContextInstance), Translate(read).Id);
        Assert.True(read.Call!.Context.Present);
    }

    [Fact]
    public void A_context_cookie_routes_the_call_to_its_instance()
    {
        var xml = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ContextHeader(ContextInstance))).ToArray();
        var read = Call("", cookie: $"other=1; WscContext=\"{Convert.ToBase64String(xml)}\"");

        Assert.Equal(Guid.Parse(ContextInstance), Translate(read).Id);
    }

    [Fact]
    public void A_malformed_context_is_a_fault_not_ignored()
    {
        var read = Call("<Context xmlns=\"http://schemas.microsoft.com/ws/2006/05/context\"><Oops/></Context>");

        Assert.Null(read.Call);
        var fault = read.Fault!;
        Assert.Contains("Context", fault.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_instance_that_is_not_a_guid_is_a_deserialization_fault()
    {
        var read = Call(ContextHeader("not-a-guid"));

        Assert.Null(read.Call);
        var fault = read.Fault!;
        Assert.Equal("DeserializationFailed", fault.Name);
    }

    [Fact]
    public void A_callback_context_beats_a_reply_to_and_keeps_the_clients_context()
    {
        var read = Call(ReplyTo("http://127.0.0.1:9/replyto") + CallbackContext("http://127.0.0.1:9/callback"));

        var callback = Translate(read).Callback!;

        Assert.Equal("http://127.0.0.1:9/callback", callback.Address);
        Assert.Equal("1.2", callback.SoapVersion);
        Assert.Equal("1.0", callback.AddressingVersion);
        Assert.Contains("client-42", callback.ReferenceParameters, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Envelopes.Wsa10, "1.0")]
    [InlineData(Envelopes.Wsa04, "2004/08")]
    public void A_reply_to_becomes_the_callback_address_with_the_instance_in_a_context(string wsa, string addressing)
    {
        var read = Call(ReplyTo("http://localhost:9/replyto"), wsa: wsa);

        var callback = Translate(read).Callback!;

        Assert.Equal("http://localhost:9/replyto", callback.Address);
        Assert.Equal(addressing, callback.AddressingVersion);
        Assert.Contains(BodyInstance, callback.ReferenceParameters, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/")]
    [InlineData("http://10.0.0.5/cb")]
    [InlineData("http://example.com/cb")]
    [InlineData("ftp://127.0.0.1/cb")]
    public void A_callback_address_outside_the_allow_list_is_an_invalid_address_fault(string address)
    {
        var read = Call(ReplyTo(address));

        Assert.Null(read.Call);
        var fault = read.Fault!;
        Assert.Equal("InvalidAddress", fault.Name);
        Assert.Equal("InvalidAddressingHeader", fault.Subcodes[0].LocalName);
    }

    [Theory]
    [InlineData("ReplyTo")]
    [InlineData("CallbackContext")]
    public void A_callback_address_longer_than_the_limit_is_refused_at_the_edge_naming_the_limit(string header)
    {
        var address = "http://127.0.0.1/" + new string('a', 3000);
        var read = Call(header == "ReplyTo" ? ReplyTo(address) : CallbackContext(address));

        Assert.Null(read.Call);
        var fault = read.Fault!;
        Assert.Equal("InvalidAddress", fault.Name);
        Assert.Contains("more than the maximum of 2048 (DuplexBus:Edge:MaxCallbackAddressLength)", fault.Reason, StringComparison.Ordinal);
        Assert.True(fault.Reason.Length < 1024, "the fault does not echo the whole address");
    }

    [Fact]
    public void An_anonymous_reply_to_asks_for_no_callback()
    {
        var read = Call(ReplyTo("http://www.w3.org/2005/08/addressing/anonymous"));

        Assert.Null(Translate(read).Callback);
    }
}
