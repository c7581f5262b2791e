using System.Runtime.Serialization;

namespace DuplexBus.Demo;

/// <summary>The GetStatus result (SAMPLE-CONTRACT.md).</summary>
[DataContract(Namespace = "urn:duplexbus:samples")]
public sealed class WorkStatus
{
    [DataMember] public Guid InstanceId { get; set; }

    /// <summary>"None", "Open", "Working" or "Completed".</summary>
    [DataMember] public string State { get; set; } = "";

    [DataMember] public int ItemCount { get; set; }

    [DataMember] public int LastIndex { get; set; }

    [DataMember] public bool InOrder { get; set; }

    [DataMember] public bool CallbackDelivered { get; set; }

    public override string ToString() =>
        $"{State}, {ItemCount} items, {(InOrder ? "in order" : "OUT OF ORDER")}" +
        (State == "Completed" ? CallbackDelivered ? ", callback delivered" : ", callback not delivered yet" : "");
}
