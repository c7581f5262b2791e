using System.Runtime.Serialization;

namespace DuplexBus.IntegrationTests.Wcf;

[DataContract(Namespace = "urn:duplexbus:samples")]
public sealed class WorkStatus
{
    [DataMember] public Guid InstanceId { get; set; }

    [DataMember] public string State { get; set; } = "";

    [DataMember] public int ItemCount { get; set; }

    [DataMember] public int LastIndex { get; set; }

    [DataMember] public bool InOrder { get; set; }

    [DataMember] public bool CallbackDelivered { get; set; }

    public override string ToString() =>
        $"State={State} ItemCount={ItemCount} LastIndex={LastIndex} InOrder={InOrder} CallbackDelivered={CallbackDelivered}";
}
