using System.ServiceModel;

namespace DuplexBus.Samples.ServiceContracts.Orders;

/// <summary>What the client that placed an order is called back on.</summary>
[ServiceContract(Namespace = OrderNamespace.Value, Name = "OrderCallback")]
public interface IOrderCallback
{
    [OperationContract(IsOneWay = true)]
    void OrderShipped(Guid orderId, Shipment shipment);
}
