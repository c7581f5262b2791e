using DuplexBus.Edge.Operations;
using DuplexBus.Samples.Contracts.Orders;

namespace DuplexBus.Host.OrderService;

/// <summary>
/// The OrderService mapping, all of it: PlaceOrder and CancelOrder become the bus messages of the same names,
/// GetOrder is answered from the saga, and the order id names the instance (a context's instanceId routes a call).
/// </summary>
public static class OrderServiceEndpoint
{
    public static void Configure(ContractEndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.MessagesFrom<PlaceOrder>().HandleRequestsWith<OrderQueries>().InstanceParameter("orderId");
    }
}
