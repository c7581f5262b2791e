using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

[DataContract(Namespace = OrderNamespace.Value)]
public sealed class Shipment
{
    [DataMember(Order = 0)] public string Carrier { get; set; } = "";

    [DataMember(Order = 1)] public string TrackingNumber { get; set; } = "";

    [DataMember(Order = 2)] public DateTimeOffset ShippedAt { get; set; }
}
