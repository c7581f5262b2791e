using System.ServiceModel;

namespace DuplexBus.Benchmarks;

/// <summary>The sample contract as a WCF client declares it.</summary>
[ServiceContract(Namespace = "urn:duplexbus:samples", Name = "WorkService")]
public interface IWorkService
{
    [OperationContract(IsOneWay = true)]
    void AddItem(Guid instanceId, int index, string value);
}
