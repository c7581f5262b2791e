using System.Runtime.Serialization;

namespace DuplexBus.Samples.ServiceContracts.Work;

/// <summary>The GetStatus result.</summary>
[DataContract(Namespace = WorkNamespace.Value)]
public sealed class WorkStatus
{
    [DataMember] public Guid InstanceId { get; set; }

    /// <summary>"None", "Open", "Working" or "Completed".</summary>
    [DataMember] public string State { get; set; } = "None";

    /// <summary>Distinct AddItem messages applied.</summary>
    [DataMember] public int ItemCount { get; set; }

    /// <summary>The index of the last item applied.</summary>
    [DataMember] public int LastIndex { get; set; }

    /// <summary>Every item applied had the index after the one before.</summary>
    [DataMember] public bool InOrder { get; set; }

    [DataMember] public bool CallbackDelivered { get; set; }
}
