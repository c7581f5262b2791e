using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

[DataContract(Namespace = OrderNamespace.Value)]
public sealed class Order
{
    [DataMember(Order = 0)] public Customer Customer { get; set; } = new();

    [DataMember(Order = 1)] public List<OrderLine> Lines { get; set; } = [];

    [DataMember(Order = 2)] public OrderPriority Priority { get; set; }

    [DataMember(Order = 3)] public DateTimeOffset? DeliverBy { get; set; }

    [DataMember(Order = 4)] public decimal? Discount { get; set; }
}
