using System.Net;
using System.Net.Http.Headers;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A WS-Addressing ReplyTo on the one-way StartWork names the callback address; the callback speaks the client's
/// SOAP and addressing versions and carries a Context with the instance id. An anonymous ReplyTo asks for none.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class ReplyToCallbackTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    [Theory, MemberData(nameof(CallbackClients.Versions), MemberType = typeof(CallbackClients))]
    public async Task ReplyTo_gets_WorkCompleted_in_the_clients_SOAP_and_addressing_versions(string version)
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress, version);
        var instance = Guid.NewGuid();
        var soap12 = version.StartsWith("Soap12", StringComparison.Ordinal);
        var soap = soap12 ? CallbackSoap.Soap12 : CallbackSoap.Soap11;
        var wsa = version.EndsWith("10", StringComparison.Ordinal) ? CallbackSoap.Wsa10 : CallbackSoap.Wsa04;

        await client.StartWorkAsync(instance, 2, receiver.Address);

        var callback = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        var contentType = MediaTypeHeaderValue.Parse(callback.ContentType!);
        if (soap12)
        {
            Assert.Equal("application/soap+xml", contentType.MediaType);
            Assert.Null(callback.Header("SOAPAction"));
        }
        else
        {
            Assert.Equal("text/xml", contentType.MediaType);
            Assert.Equal($"\"{CallbackSoap.WorkCompletedAction}\"", callback.Header("SOAPAction"));
        }
        Assert.Equal(soap + "Envelope", callback.Envelope().Name);
        Assert.Equal(CallbackSoap.WorkCompletedAction, callback.SoapHeader(wsa + "Action")?.Value);
        Assert.StartsWith("urn:uuid:", callback.SoapHeader(wsa + "MessageID")?.Value, StringComparison.Ordinal);
        Assert.Equal(receiver.Address.ToString(), callback.SoapHeader(wsa + "To")?.Value);

        var context = callback.SoapHeader(CallbackSoap.Context + "Context");
        Assert.NotNull(context);
        Assert.Equal(instance.ToString(), CallbackSoap.Properties(context)["instanceId"]);
        Assert.Equal(wsa == CallbackSoap.Wsa10 ? "true" : null, (string?)context.Attribute(CallbackSoap.Wsa10 + "IsReferenceParameter"));
        Assert.Equal(instance, callback.CompletedInstance());
        Assert.Equal("0", callback.BodyElement().Element(CallbackSoap.Samples + "itemCount")?.Value);

        var status = await client.DeliveredAsync(instance);
        Assert.Equal("Completed", status.State);
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData("SOAP 1.2, WS-Addressing 1.0")]
    [InlineData("SOAP 1.1, WS-Addressing 2004/08")]
    public async Task Anonymous_ReplyTo_gets_no_callback_and_the_work_still_completes(string version)
    {
        var soap12 = version.StartsWith("SOAP 1.2", StringComparison.Ordinal);
        var wsa = version.EndsWith("1.0", StringComparison.Ordinal) ? CallbackSoap.Wsa10 : CallbackSoap.Wsa04;
        using var http = new HttpClient();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        using var response = await http.PostAsync(
            new Uri(fixture.Host.BaseAddress, "/services/work"),
            CallbackSoap.Request(soap12 ? CallbackSoap.Soap12 : CallbackSoap.Soap11, wsa, CallbackSoap.StartWorkAction, CallbackSoap.StartWork(instance, 2), CallbackSoap.Anonymous(wsa)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The saga writes a callback in the same transaction that completes the instance, so once it is
        // Completed any callback it asked for is in the table.
        var status = await client.StatusWhenAsync(instance, s => s.State == "Completed", "the work completed");
        Assert.False(status.CallbackDelivered);
        Assert.Empty(await fixture.CallbacksOfAsync(instance));
    }
}
