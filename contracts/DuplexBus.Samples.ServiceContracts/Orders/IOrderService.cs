using System.ServiceModel;

namespace DuplexBus.Samples.ServiceContracts.Orders;

/// <summary>
/// The OrderService sample: an order is a long-running instance. Placing it starts the saga, shipping it calls the
/// client back on <see cref="IOrderCallback"/>; <see cref="GetOrder"/> reads it, or faults when there is none.
/// </summary>
[ServiceContract(Namespace = OrderNamespace.Value, Name = "OrderService")]
public interface IOrderService
{
    [OperationContract(IsOneWay = true)]
    void PlaceOrder(Guid orderId, Order order);

    [OperationContract(IsOneWay = true)]
    void CancelOrder(Guid orderId, string reason);

    [OperationContract]
    [FaultContract(typeof(OrderNotFound))]
    OrderSummary GetOrder(Guid orderId);
}
