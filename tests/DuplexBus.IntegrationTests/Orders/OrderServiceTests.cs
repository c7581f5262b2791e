using System.ServiceModel;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>
/// The OrderService sample driven by the real WCF client through its own contract (<see cref="IOrderService"/>,
/// <see cref="IOrderCallback"/>): plain SOAP, reliable sessions, durable duplex. One host serves every test here.
/// </summary>
[Collection(nameof(RealServers))]
public sealed partial class OrderServiceTests(OrderHostFixture fixture, ServersFixture servers) : IClassFixture<OrderHostFixture>
{
    [Theory, MemberData(nameof(ClientBinding.All), MemberType = typeof(ClientBinding))]
    public async Task Placed_order_reads_back_with_its_lines_and_exact_total_and_ships(string binding)
    {
        using var client = new OrderClient(fixture.Host.BaseAddress, ClientBinding.Create(binding));
        var orderId = Guid.NewGuid();
        var order = SampleOrders.Create();

        await Task.Run(() => client.Channel.PlaceOrder(orderId, order));

        var placed = await client.OrderWhenAsync(orderId, _ => true, "the order saga exists");
        Assert.Equal(orderId, placed.OrderId);
        Assert.Contains(placed.Status, new[] { OrderStatus.Placed, OrderStatus.Shipped });
        Assert.Equal(order.Customer.Name, placed.Customer);
        Assert.Equal(SampleOrders.Skus(order), placed.Skus);
        Assert.Equal(SampleOrders.Total, placed.Total);

        // Everything the client sent reached the bus message, not only what GetOrder shows.
        var message = await fixture.PlacedOrderAsync(orderId);
        Assert.Equal(orderId, message.OrderId);
        Assert.Equal(order.Customer.ShipTo!.Street, message.Order.Customer.ShipTo!.Street);
        Assert.Equal(order.Customer.ShipTo.City, message.Order.Customer.ShipTo.City);
        Assert.Equal(order.Customer.ShipTo.Country, message.Order.Customer.ShipTo.Country);
        Assert.Equal(order.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)), message.Order.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)));
        Assert.Equal(OrderPriority.Express, message.Order.Priority);
        Assert.Equal(order.DeliverBy, message.Order.DeliverBy);
        Assert.Equal(order.DeliverBy!.Value.Offset, message.Order.DeliverBy!.Value.Offset);
        Assert.Equal(1.25m, message.Order.Discount);
        Assert.Null(message.Callback);

        var shipped = await client.OrderWhenAsync(orderId, s => s.Status == OrderStatus.Shipped, "the shipping back end shipped the order");
        Assert.NotNull(shipped.ShippedAt);
        Assert.InRange(shipped.ShippedAt.Value, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(SampleOrders.Total, shipped.Total);
        Assert.False(shipped.CallbackDelivered);
    }

    [Theory, MemberData(nameof(ClientBinding.All), MemberType = typeof(ClientBinding))]
    public async Task GetOrder_of_an_unknown_order_raises_the_declared_OrderNotFound_fault_with_its_detail(string binding)
    {
        using var client = new OrderClient(fixture.Host.BaseAddress, ClientBinding.Create(binding));
        var orderId = Guid.NewGuid();

        var fault = await Assert.ThrowsAsync<FaultException<OrderNotFound>>(() => Task.Run(() => client.Channel.GetOrder(orderId)));

        Assert.Equal(orderId, fault.Detail.OrderId);
        Assert.Contains(orderId.ToString(), fault.Reason.ToString(), StringComparison.Ordinal);
        if (binding == ClientBinding.WsHttp)
            Assert.Equal($"{OrderNamespace.Value}/OrderService/GetOrderOrderNotFoundFault", fault.Action);
        // A declared fault leaves the channel usable, as it does with a WCF service.
        Assert.Equal(CommunicationState.Opened, client.ClientChannel.State);
        Assert.Throws<FaultException<OrderNotFound>>(() => client.Channel.GetOrder(orderId));
    }
}
