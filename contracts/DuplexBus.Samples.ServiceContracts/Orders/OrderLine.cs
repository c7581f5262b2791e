using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

[DataContract(Namespace = OrderNamespace.Value)]
public sealed class OrderLine
{
    [DataMember(Order = 0)] public string Sku { get; set; } = "";

    [DataMember(Order = 1)] public int Quantity { get; set; }

    [DataMember(Order = 2)] public decimal UnitPrice { get; set; }
}
