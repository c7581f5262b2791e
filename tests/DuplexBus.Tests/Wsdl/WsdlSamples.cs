using DuplexBus.Protocol.Contracts;
using DuplexBus.Protocol.Wsdl;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Samples.ServiceContracts.Work;

namespace DuplexBus.Tests.Wsdl;

/// <summary>The contracts the WSDL tests run over, generated once.</summary>
internal static class WsdlSamples
{
    public const string Address = "http://example.test/services/x";

    public static readonly Type[] Contracts = [typeof(IWorkService), typeof(IOrderService), typeof(IXmlCatalog), typeof(IRenamedFaults)];

    private static readonly Dictionary<Type, WsdlDocument> Documents = Contracts.ToDictionary(t => t, t => WsdlGenerator.Generate(ContractReader.Read(t), new WsdlEndpoint()));

    public static WsdlDocument For(Type contract) => Documents[contract];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Contracts)
            data.Add(c.Name);
        return data;
    }

    public static Type Named(string name) => Contracts.Single(c => c.Name == name);
}
