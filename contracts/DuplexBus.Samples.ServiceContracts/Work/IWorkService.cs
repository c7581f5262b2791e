using System.ServiceModel;

namespace DuplexBus.Samples.ServiceContracts.Work;

/// <summary>The WorkService sample (SAMPLE-CONTRACT.md): its wire shape is fixed, clients outside this repository use it.</summary>
[ServiceContract(Namespace = WorkNamespace.Value, Name = "WorkService")]
public interface IWorkService
{
    /// <summary>Starts a long-running instance (or restarts the clock of one); answered later by <see cref="IWorkCallback.WorkCompleted"/>.</summary>
    [OperationContract(IsOneWay = true)]
    void StartWork(Guid instanceId, int steps);

    /// <summary>Appends one item to an instance (created on first use); exactly-once and order show in <see cref="GetStatus"/>.</summary>
    [OperationContract(IsOneWay = true)]
    void AddItem(Guid instanceId, int index, string value);

    [OperationContract]
    WorkStatus GetStatus(Guid instanceId);
}
