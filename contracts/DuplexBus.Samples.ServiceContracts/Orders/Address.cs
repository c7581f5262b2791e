using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

[DataContract(Namespace = OrderNamespace.Value)]
public sealed class Address
{
    [DataMember(Order = 0)] public string Street { get; set; } = "";

    [DataMember(Order = 1)] public string City { get; set; } = "";

    [DataMember(Order = 2)] public string Country { get; set; } = "";
}
