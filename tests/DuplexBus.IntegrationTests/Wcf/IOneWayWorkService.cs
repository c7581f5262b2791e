using System.ServiceModel;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>
/// The sample contract as a client that declares only its one-way operations sees it. Same actions as
/// <see cref="IWorkService"/>, but with no request-reply operation WCF builds an output session (no Offer, no reply
/// sequence) instead of a request session.
/// </summary>
[ServiceContract(Namespace = "urn:duplexbus:samples", Name = "WorkService")]
public interface IOneWayWorkService
{
    [OperationContract(IsOneWay = true)]
    void StartWork(Guid instanceId, int steps);

    [OperationContract(IsOneWay = true)]
    void AddItem(Guid instanceId, int index, string value);
}
