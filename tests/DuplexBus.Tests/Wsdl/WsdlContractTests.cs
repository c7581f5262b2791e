using System.ServiceModel;
using System.Xml.Linq;
using System.Xml.Schema;
using Wcf = System.ServiceModel.Description;

namespace DuplexBus.Tests.Wsdl;

/// <summary>
/// The WSDL says what the real WCF client (<see cref="ChannelFactory{TChannel}"/>) makes of the same contract:
/// operations, actions, one-way, wrapper and part names, faults; and its schemas compile.
/// </summary>
public sealed class WsdlContractTests
{
    private static readonly XNamespace W = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Wsam = "http://www.w3.org/2007/05/addressing/metadata";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    public static TheoryData<string> Contracts => WsdlSamples.Names();

    private static Wcf.ContractDescription WcfContract(Type contract)
    {
        var factoryType = typeof(ChannelFactory<>).MakeGenericType(contract);
        using var factory = (ChannelFactory)Activator.CreateInstance(factoryType, new BasicHttpBinding(), new EndpointAddress("http://localhost/x"))!;
        return factory.Endpoint.Contract;
    }

    private static XElement Single(Type contract) => WsdlSamples.For(contract).Render(WsdlSamples.Address, single: true).Root!;

    [Theory, MemberData(nameof(Contracts))]
    public void Every_operation_has_the_actions_and_messages_the_wcf_client_expects(string name)
    {
        var contract = WsdlSamples.Named(name);
        var wcf = WcfContract(contract);
        var wsdl = Single(contract);
        var portType = wsdl.Element(W + "portType")!;
        Assert.Equal(wcf.Name, (string?)portType.Attribute("name"));
        Assert.Equal(wcf.Operations.Select(o => o.Name).Order(), portType.Elements(W + "operation").Select(o => (string)o.Attribute("name")!).Order());

        foreach (var operation in wcf.Operations)
        {
            var op = portType.Elements(W + "operation").Single(o => (string?)o.Attribute("name") == operation.Name);
            var input = op.Element(W + "input")!;
            Assert.Equal(operation.Messages[0].Action, (string?)input.Attribute(Wsam + "Action"));
            Assert.Equal(operation.IsOneWay, op.Element(W + "output") is null);
            if (!operation.IsOneWay)
                Assert.Equal(operation.Messages[1].Action, (string?)op.Element(W + "output")!.Attribute(Wsam + "Action"));
            Assert.Equal(
                operation.Faults.Select(f => $"{f.Name} {f.Action}").Order(),
                op.Elements(W + "fault").Select(f => $"{f.Attribute("name")!.Value} {f.Attribute(Wsam + "Action")!.Value}").Order());

            // Every binding has the operation with the request's action as its SOAPAction.
            Assert.All(wsdl.Elements(W + "binding"), b => Assert.Equal(
                operation.Messages[0].Action,
                (string?)b.Elements(W + "operation").Single(o => (string?)o.Attribute("name") == operation.Name).Elements().First(e => e.Name.LocalName == "operation").Attribute("soapAction")));

            AssertWrapper(wsdl, operation.Messages[0]);
            if (!operation.IsOneWay)
                AssertWrapper(wsdl, operation.Messages[1]);
        }
    }

    /// <summary>The wrapper element WCF writes (name, namespace) holds the parts WCF writes, in order.</summary>
    private static void AssertWrapper(XElement wsdl, Wcf.MessageDescription message)
    {
        var body = message.Body;
        var schema = wsdl.Descendants(Xsd + "schema").Single(s => (string?)s.Attribute("targetNamespace") == body.WrapperNamespace);
        var wrapper = schema.Elements(Xsd + "element").Single(e => (string?)e.Attribute("name") == body.WrapperName);
        var parts = body.Parts.Select(p => p.Name).ToList();
        if (body.ReturnValue is { } result)
            parts.Insert(0, result.Name);
        Assert.Equal(parts, wrapper.Descendants(Xsd + "element").Select(e => (string)e.Attribute("name")!));
    }

    [Theory, MemberData(nameof(Contracts))]
    public void Wsdl_and_every_schema_load_and_compile(string name)
    {
        var contract = WsdlSamples.Named(name);
        var document = WsdlSamples.For(contract);
        foreach (var single in new[] { true, false })
        {
            // Loads as XML from its text, as a client would.
            var wsdl = XDocument.Parse(document.Render(WsdlSamples.Address, single).ToString());
            Assert.Equal(W + "definitions", wsdl.Root!.Name);
        }

        var set = new XmlSchemaSet();
        for (var i = 0; i < document.SchemaCount; i++)
        {
            using var reader = XDocument.Parse(document.Schema(WsdlSamples.Address, i)!.ToString()).CreateReader();
            set.Add(XmlSchema.Read(reader, null)!);
        }
        set.Compile();
        Assert.Null(document.Schema(WsdlSamples.Address, document.SchemaCount));

        // Every message part names an element the schemas declare.
        foreach (var part in Single(contract).Elements(W + "message").Elements(W + "part"))
        {
            var qname = (string)part.Attribute("element")!;
            var ns = part.GetNamespaceOfPrefix(qname[..qname.IndexOf(':', StringComparison.Ordinal)])!.NamespaceName;
            Assert.Contains(new System.Xml.XmlQualifiedName(qname[(qname.IndexOf(':', StringComparison.Ordinal) + 1)..], ns), set.GlobalElements.Names.Cast<System.Xml.XmlQualifiedName>());
        }
    }

    [Theory, MemberData(nameof(Contracts))]
    public void Every_port_binds_an_address_and_its_binding_names_a_policy_it_has(string name)
    {
        var wsdl = Single(WsdlSamples.Named(name));
        var policies = wsdl.Elements().Where(e => e.Name.LocalName == "Policy").Select(p => "#" + p.Attributes().Single(a => a.Name.LocalName == "Id").Value).ToHashSet();
        var ports = wsdl.Element(W + "service")!.Elements(W + "port").ToArray();
        Assert.Equal(6, ports.Length);
        Assert.StartsWith("Soap11Binding_", (string?)ports[0].Attribute("name"), StringComparison.Ordinal);
        Assert.All(ports, p => Assert.Equal(WsdlSamples.Address, (string?)p.Elements().Single().Attribute("location")));
        Assert.All(wsdl.Elements(W + "binding"), b => Assert.Contains((string)b.Elements().First().Attribute("URI")!, policies));
    }
}
