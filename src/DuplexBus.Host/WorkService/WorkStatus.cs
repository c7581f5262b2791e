using System.Runtime.Serialization;

namespace DuplexBus.Host.WorkService;

/// <summary>The GetStatus result, on the wire exactly as the WCF client's data contract reads it.</summary>
[DataContract(Namespace = WorkServiceContract.Namespace)]
public sealed class WorkStatus
{
    [DataMember] public Guid InstanceId { get; set; }

    [DataMember] public string State { get; set; } = "None";

    [DataMember] public int ItemCount { get; set; }

    [DataMember] public int LastIndex { get; set; }

    [DataMember] public bool InOrder { get; set; }

    [DataMember] public bool CallbackDelivered { get; set; }
}
