using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

[DataContract(Namespace = OrderNamespace.Value)]
public sealed class Customer
{
    [DataMember(Order = 0)] public string Name { get; set; } = "";

    [DataMember(Order = 1)] public Address? ShipTo { get; set; }
}
