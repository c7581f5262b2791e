using System.ServiceModel;

namespace DuplexBus.Samples.ServiceContracts.Work;

/// <summary>What the client is called back on when its work is done.</summary>
[ServiceContract(Namespace = WorkNamespace.Value, Name = "WorkCallback")]
public interface IWorkCallback
{
    [OperationContract(IsOneWay = true)]
    void WorkCompleted(Guid instanceId, int itemCount);
}
