using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

/// <summary>What <see cref="IOrderService.GetOrder"/> answers.</summary>
[DataContract(Namespace = OrderNamespace.Value)]
public sealed class OrderSummary
{
    [DataMember(Order = 0)] public Guid OrderId { get; set; }

    [DataMember(Order = 1)] public OrderStatus Status { get; set; }

    [DataMember(Order = 2)] public string Customer { get; set; } = "";

    [DataMember(Order = 3)] public List<string> Skus { get; set; } = [];

    [DataMember(Order = 4)] public decimal Total { get; set; }

    [DataMember(Order = 5)] public DateTimeOffset? ShippedAt { get; set; }

    [DataMember(Order = 6)] public bool CallbackDelivered { get; set; }
}
