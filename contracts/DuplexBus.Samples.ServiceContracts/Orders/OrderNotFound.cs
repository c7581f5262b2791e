using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

/// <summary>The fault <see cref="IOrderService.GetOrder"/> declares for an order nobody placed.</summary>
[DataContract(Namespace = OrderNamespace.Value)]
public sealed class OrderNotFound
{
    [DataMember] public Guid OrderId { get; set; }
}
