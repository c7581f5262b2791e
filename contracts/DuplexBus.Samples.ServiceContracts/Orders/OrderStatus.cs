using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

[DataContract(Namespace = OrderNamespace.Value)]
public enum OrderStatus
{
    [EnumMember] Placed,
    [EnumMember] Shipped,
    [EnumMember] Cancelled,
}
