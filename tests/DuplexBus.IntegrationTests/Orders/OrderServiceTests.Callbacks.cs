using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;
using DuplexBus.IntegrationTests.Callbacks;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>
/// Durable duplex on the order contract: the shipment comes back as IOrderCallback.OrderShipped to the address the
/// client gave on PlaceOrder (a WS-Addressing ReplyTo, or a .NET 4 CallbackContext), and never for a cancelled order.
/// </summary>
public sealed partial class OrderServiceTests
{
    private const string ReplyTo = "ReplyTo";
    private const string CallbackContext = "CallbackContext";

    [Theory, MemberData(nameof(CallbackClients.Versions), MemberType = typeof(CallbackClients))]
    public async Task ReplyTo_on_PlaceOrder_gets_OrderShipped_in_the_clients_message_version(string version)
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = PlainClient(version);
        var orderId = Guid.NewGuid();
        var soap12 = version.StartsWith("Soap12", StringComparison.Ordinal);
        var wsa = version.EndsWith("10", StringComparison.Ordinal) ? CallbackSoap.Wsa10 : CallbackSoap.Wsa04;

        await PlaceWithCallbackAsync(client, orderId, ReplyTo, receiver.Address);

        var callback = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        Assert.Equal((soap12 ? CallbackSoap.Soap12 : CallbackSoap.Soap11) + "Envelope", callback.Envelope().Name);
        if (!soap12)
            Assert.Equal($"\"{OrderCallbackReading.OrderShippedAction}\"", callback.Header("SOAPAction"));
        Assert.Equal(OrderCallbackReading.OrderShippedAction, callback.SoapHeader(wsa + "Action")?.Value);
        Assert.Equal(receiver.Address.ToString(), callback.SoapHeader(wsa + "To")?.Value);
        var context = callback.SoapHeader(CallbackSoap.Context + "Context");
        Assert.NotNull(context);
        Assert.Equal(orderId.ToString(), CallbackSoap.Properties(context)["instanceId"]);

        await AssertShippedAsync(client, orderId, callback, receiver);
    }

    [Fact]
    [Trait("Spec", "PROTOCOLS 5")]
    public async Task CallbackContext_on_PlaceOrder_gets_OrderShipped_with_the_clients_Context_as_reference_parameters()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = PlainClient(CallbackClients.Soap12Wsa10);
        var orderId = Guid.NewGuid();

        await PlaceWithCallbackAsync(client, orderId, CallbackContext, receiver.Address, ("instanceId", "client-order-17"), ("conversation", "checkout"));

        var callback = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        Assert.Equal(CallbackSoap.Soap12 + "Envelope", callback.Envelope().Name);
        Assert.Equal(OrderCallbackReading.OrderShippedAction, callback.SoapHeader(CallbackSoap.Wsa10 + "Action")?.Value);
        Assert.Equal(receiver.Address.ToString(), callback.SoapHeader(CallbackSoap.Wsa10 + "To")?.Value);
        var context = callback.SoapHeader(CallbackSoap.Context + "Context");
        Assert.NotNull(context);
        Assert.Equal("true", (string?)context.Attribute(CallbackSoap.Wsa10 + "IsReferenceParameter"));
        var properties = CallbackSoap.Properties(context);
        Assert.Equal(2, properties.Count);
        Assert.Equal("client-order-17", properties["instanceId"]);
        Assert.Equal("checkout", properties["conversation"]);

        await AssertShippedAsync(client, orderId, callback, receiver);
    }

    [Fact]
    public async Task Order_cancelled_before_its_shipment_is_never_called_back()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = PlainClient(CallbackClients.Soap12Wsa10);
        var cancelled = new[] { (Id: Guid.NewGuid(), Kind: ReplyTo), (Id: Guid.NewGuid(), Kind: CallbackContext) };
        var kept = Guid.NewGuid();

        // Shipping takes a second; each cancellation follows its order at once. The order not cancelled shows the
        // host's callbacks do arrive meanwhile.
        foreach (var (id, kind) in cancelled)
        {
            await PlaceWithCallbackAsync(client, id, kind, receiver.Address);
            await Task.Run(() => client.Channel.CancelOrder(id, "changed my mind"));
        }
        await PlaceWithCallbackAsync(client, kept, ReplyTo, receiver.Address);

        await client.OrderWhenAsync(kept, s => s.CallbackDelivered, "the kept order's callback was delivered");
        await Quiet.WaitAsync(fixture.ConnectionString, servers.RabbitMq, fixture.RabbitMqUri, TimeSpan.FromSeconds(60));

        foreach (var (id, kind) in cancelled)
        {
            var summary = await Task.Run(() => client.Channel.GetOrder(id));
            Assert.True(summary.Status == OrderStatus.Cancelled, $"{kind}: {summary.Status}");
            Assert.Null(summary.ShippedAt);
            Assert.False(summary.CallbackDelivered);
            Assert.Empty(await fixture.CallbacksOfAsync(id));
        }
        Assert.Single(await fixture.CallbacksOfAsync(kept));
        var only = Assert.Single(receiver.Requests);
        Assert.Equal(kept, OrderCallbackReading.OrderShipped(only.BodyElement()).OrderId);
    }

    private OrderClient PlainClient(string version) =>
        new(fixture.Host.BaseAddress, new CustomBinding(new TextMessageEncodingBindingElement(CallbackClients.VersionOf(version), Encoding.UTF8), new HttpTransportBindingElement()));

    private static Task PlaceWithCallbackAsync(OrderClient client, Guid orderId, string kind, Uri address, params (string Name, string Value)[] context) =>
        client.CallWithHeadersAsync(
            headers =>
            {
                if (kind == ReplyTo)
                    headers.ReplyTo = new EndpointAddress(address);
                else
                    headers.Add(new XmlMessageHeader(CallbackSoap.CallbackContextHeader(address.ToString(), CallbackSoap.ContextElement(context.Length == 0 ? [("instanceId", orderId.ToString())] : context))));
            },
            c => c.PlaceOrder(orderId, SampleOrders.Create()));

    /// <summary>The callback's body is the shipment the saga recorded, delivered once, and the order says so.</summary>
    private async Task AssertShippedAsync(OrderClient client, Guid orderId, ReceivedRequest callback, CallbackReceiver receiver)
    {
        var (shippedOrder, shipment) = OrderCallbackReading.OrderShipped(callback.BodyElement());
        Assert.Equal(orderId, shippedOrder);
        Assert.Equal("DuplexBus Post", shipment.Carrier);
        Assert.Equal("DB" + orderId.ToString("N")[..12].ToUpperInvariant(), shipment.TrackingNumber);

        var summary = await client.OrderWhenAsync(orderId, s => s.CallbackDelivered, "the callback counts as delivered");
        Assert.Equal(OrderStatus.Shipped, summary.Status);
        Assert.NotNull(summary.ShippedAt);
        Assert.InRange((shipment.ShippedAt - summary.ShippedAt.Value).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        var stored = Assert.Single(await fixture.CallbacksOfAsync(orderId));
        Assert.Equal(StoredCallbackState.Delivered, stored.State);
        Assert.Equal($"urn:uuid:{stored.Id}", callback.MessageId());
        Assert.Single(receiver.Requests);
    }
}
