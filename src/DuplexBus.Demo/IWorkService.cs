using System.ServiceModel;

namespace DuplexBus.Demo;

/// <summary>The sample service as an unchanged WCF client declares it (SAMPLE-CONTRACT.md).</summary>
[ServiceContract(Namespace = "urn:duplexbus:samples", Name = "WorkService")]
public interface IWorkService
{
    /// <summary>Starts the instance; the answer comes later as a WorkCompleted callback.</summary>
    [OperationContract(IsOneWay = true)]
    void StartWork(Guid instanceId, int steps);

    [OperationContract(IsOneWay = true)]
    void AddItem(Guid instanceId, int index, string value);

    [OperationContract]
    WorkStatus GetStatus(Guid instanceId);
}
