using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Orders;

[DataContract(Namespace = OrderNamespace.Value)]
public enum OrderPriority
{
    [EnumMember] Standard,
    [EnumMember] Express,
}
