using System.ServiceModel;
using DuplexBus.Samples.ServiceContracts.Orders;

namespace DuplexBus.Tests.Wsdl;

/// <summary>A fault whose detail element is renamed into another namespace: its element must be declared apart from the type's.</summary>
[ServiceContract(Namespace = "urn:duplexbus:tests:renamed")]
public interface IRenamedFaults
{
    [OperationContract]
    [FaultContract(typeof(OrderNotFound), Name = "Missing", Namespace = "urn:duplexbus:tests:faults")]
    string Lookup(string key);
}
