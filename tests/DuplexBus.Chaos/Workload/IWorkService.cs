using System.ServiceModel;

namespace DuplexBus.Chaos.Workload;

/// <summary>The sample contract as an unchanged WCF client declares it (SAMPLE-CONTRACT.md); only the one-way calls are used.</summary>
[ServiceContract(Namespace = "urn:duplexbus:samples", Name = "WorkService")]
public interface IWorkService
{
    [OperationContract(IsOneWay = true)]
    void StartWork(Guid instanceId, int steps);

    [OperationContract(IsOneWay = true)]
    void AddItem(Guid instanceId, int index, string value);
}
