using System.Net.Http.Headers;
using System.ServiceModel;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// .NET 4 durable duplex: a WCF client puts a CallbackContext on StartWork, and WorkCompleted comes back to its
/// endpoint reference's address with the client's own Context as reference-parameter headers.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackContextTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    [Fact]
    [Trait("Spec", "PROTOCOLS 5")]
    public async Task WorkCompleted_goes_to_the_CallbackContext_address_with_the_clients_Context_as_reference_parameters()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();
        var clientInstance = Guid.NewGuid();
        await Task.Run(() =>
        {
            for (var index = 1; index <= 3; index++)
                client.Channel.AddItem(instance, index, "before the work");
        });
        await client.StatusWhenAsync(instance, s => s.ItemCount >= 3, "the three items applied");

        var callbackContext = CallbackSoap.CallbackContextHeader(
            receiver.Address.ToString(),
            CallbackSoap.ContextElement(("instanceId", clientInstance.ToString()), ("conversation", "order-17")));
        await Task.Run(() =>
        {
            using var scope = new OperationContextScope((IContextChannel)client.Channel);
            OperationContext.Current.OutgoingMessageHeaders.Add(new XmlMessageHeader(callbackContext));
            client.Channel.StartWork(instance, 3);
        });

        var callback = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        Assert.Equal("POST", callback.Method);
        Assert.Equal(CallbackReceiver.CallbackPath, callback.Path);
        var contentType = MediaTypeHeaderValue.Parse(callback.ContentType!);
        Assert.Equal("application/soap+xml", contentType.MediaType);
        Assert.Contains(contentType.Parameters, p => p.Name == "action" && p.Value == $"\"{CallbackSoap.WorkCompletedAction}\"");
        Assert.Equal(CallbackSoap.Soap12 + "Envelope", callback.Envelope().Name);
        Assert.Equal(CallbackSoap.WorkCompletedAction, callback.SoapHeader(CallbackSoap.Wsa10 + "Action")?.Value);
        Assert.Equal(receiver.Address.ToString(), callback.SoapHeader(CallbackSoap.Wsa10 + "To")?.Value);
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", callback.MessageId() ?? "");

        var context = callback.SoapHeader(CallbackSoap.Context + "Context");
        Assert.NotNull(context);
        Assert.Equal("true", (string?)context.Attribute(CallbackSoap.Wsa10 + "IsReferenceParameter"));
        var properties = CallbackSoap.Properties(context);
        Assert.Equal(2, properties.Count);
        Assert.Equal(clientInstance.ToString(), properties["instanceId"]);
        Assert.Equal("order-17", properties["conversation"]);

        var body = callback.BodyElement();
        Assert.Equal(CallbackSoap.Samples + "WorkCompleted", body.Name);
        Assert.Equal(instance, Guid.Parse(body.Element(CallbackSoap.Samples + "instanceId")!.Value));
        Assert.Equal("3", body.Element(CallbackSoap.Samples + "itemCount")?.Value);

        var status = await client.DeliveredAsync(instance);
        Assert.Equal("Completed", status.State);
        Assert.Equal(3, status.ItemCount);
        var stored = (await fixture.CallbacksOfAsync(instance)).Single();
        Assert.Equal(StoredCallbackState.Delivered, stored.State);
        Assert.Equal($"urn:uuid:{stored.Id}", callback.MessageId());
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task CallbackContext_wins_over_a_ReplyTo_on_the_same_StartWork()
    {
        await using var durable = await CallbackReceiver.StartAsync();
        await using var replyTo = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await Task.Run(() =>
        {
            using var scope = new OperationContextScope((IContextChannel)client.Channel);
            OperationContext.Current.OutgoingMessageHeaders.ReplyTo = new EndpointAddress(replyTo.Address);
            OperationContext.Current.OutgoingMessageHeaders.Add(new XmlMessageHeader(CallbackSoap.CallbackContextHeader(durable.Address.ToString(), CallbackSoap.ContextElement(("instanceId", "client-side")))));
            client.Channel.StartWork(instance, 1);
        });

        await client.DeliveredAsync(instance);
        var stored = Assert.Single(await fixture.CallbacksOfAsync(instance));
        Assert.Equal(durable.Address.ToString(), stored.Address);
        Assert.Single(durable.Requests);
        Assert.Empty(replyTo.Requests);
    }
}
