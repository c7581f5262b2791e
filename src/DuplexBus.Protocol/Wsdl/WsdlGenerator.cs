using System.Reflection;
using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.Protocol.Contracts;
using static DuplexBus.Protocol.Wsdl.WsdlNamespaces;

namespace DuplexBus.Protocol.Wsdl;

/// <summary>
/// Writes the WSDL 1.1 of a served contract the way WCF does (document/literal wrapped): a message per request, reply
/// and declared fault, one portType with the WS-Addressing actions, and one binding and port per SOAP version and
/// WS-RM version served, each pointing at its WS-Policy. The address is left out: it is the request's, filled in by
/// <see cref="WsdlDocument.Render"/>.
/// </summary>
internal static class WsdlGenerator
{
    public static WsdlDocument Generate(ContractDescription contract, WsdlEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(endpoint);
        // QNames in attribute values need declared prefixes: tns for the contract, q1, q2… for fault namespaces.
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal) { [contract.Namespace] = "tns" };
        foreach (var ns in contract.Operations.SelectMany(o => o.Faults).Select(f => f.Namespace))
            prefixes.TryAdd(ns, "q" + prefixes.Count);
        var root = new XElement(Wsdl11 + "definitions",
            new XAttribute("name", contract.Name),
            new XAttribute("targetNamespace", contract.Namespace),
            Prefixes(),
            prefixes.Select(p => new XAttribute(XNamespace.Xmlns + p.Value, p.Key)));

        var bindings = WsdlBindingKind.Of(endpoint).ToArray();
        foreach (var binding in bindings)
        {
            var assertions = WsdlPolicy.Assertions(binding, endpoint).Any();
            if (assertions)
                root.Add(WsdlPolicy.For(binding, binding.Name(contract.Name), endpoint));
        }
        root.Add(new XElement(Wsdl11 + "types"));
        foreach (var operation in contract.Operations)
            root.Add(Messages(contract, operation, prefixes));
        root.Add(PortType(contract));
        foreach (var binding in bindings)
            root.Add(Binding(contract, binding, endpoint));
        root.Add(new XElement(Wsdl11 + "service", new XAttribute("name", contract.Name),
            bindings.Select(b => new XElement(Wsdl11 + "port",
                new XAttribute("name", b.Name(contract.Name)),
                new XAttribute("binding", "tns:" + b.Name(contract.Name)),
                new XElement((b.Soap12 ? Soap12 : Soap11) + "address", new XAttribute("location", WsdlDocument.AddressPlaceholder))))));
        return new WsdlDocument(contract.Name, contract.Namespace, root, WsdlSchemas.Export(contract));
    }

    private static IEnumerable<XAttribute> Prefixes()
    {
        yield return new XAttribute(XNamespace.Xmlns + "wsdl", Wsdl11.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "soap", Soap11.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "soap12", Soap12.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "xsd", Xsd.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "wsp", Policy.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "wsu", Wsu.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "wsaw", AddressingWsdl.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "wsam", AddressingMetadata.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "wsrm", Rm10Policy.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "wsrmp", Rm11Policy.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "netrm", Rm11Net.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "wsc", ContextExchange.NamespaceName);
        yield return new XAttribute(XNamespace.Xmlns + "http", HttpCookie.NamespaceName);
    }

    private static string InputMessage(ContractDescription c, OperationDescription o) => $"{c.Name}_{o.Name}_InputMessage";

    private static string OutputMessage(ContractDescription c, OperationDescription o) => $"{c.Name}_{o.Name}_OutputMessage";

    /// <summary>
    /// WCF's name for a fault in the WSDL: <c>[FaultContract(Name)]</c> as given, else the detail type's name with
    /// <c>Fault</c> (the detail element is named differently: the type's data contract name).
    /// </summary>
    private static string FaultName(OperationDescription o, FaultDescription f) =>
        o.Method.GetCustomAttributes<FaultContractAttribute>().FirstOrDefault(a => a.DetailType == f.DetailType)?.Name ?? f.DetailType.Name + "Fault";

    private static string FaultMessage(ContractDescription c, OperationDescription o, FaultDescription f) => $"{c.Name}_{o.Name}_{FaultName(o, f)}_FaultMessage";

    private static IEnumerable<XElement> Messages(ContractDescription contract, OperationDescription operation, Dictionary<string, string> prefixes)
    {
        yield return Message(InputMessage(contract, operation), "parameters", "tns:" + operation.RequestElement);
        if (!operation.IsOneWay)
            yield return Message(OutputMessage(contract, operation), "parameters", "tns:" + operation.ResponseElement);
        foreach (var fault in operation.Faults)
            yield return Message(FaultMessage(contract, operation, fault), "detail", prefixes[fault.Namespace] + ":" + fault.Name);
    }

    private static XElement Message(string name, string part, string element) =>
        new(Wsdl11 + "message", new XAttribute("name", name),
            new XElement(Wsdl11 + "part", new XAttribute("name", part), new XAttribute("element", element)));

    private static XElement PortType(ContractDescription contract) =>
        new(Wsdl11 + "portType", new XAttribute("name", contract.Name),
            contract.Operations.Select(o =>
            {
                var operation = new XElement(Wsdl11 + "operation", new XAttribute("name", o.Name),
                    new XElement(Wsdl11 + "input", new XAttribute(AddressingMetadata + "Action", o.Action), new XAttribute("message", "tns:" + InputMessage(contract, o))));
                if (!o.IsOneWay)
                    operation.Add(new XElement(Wsdl11 + "output", new XAttribute(AddressingMetadata + "Action", o.ReplyAction!), new XAttribute("message", "tns:" + OutputMessage(contract, o))));
                foreach (var f in o.Faults)
                    operation.Add(new XElement(Wsdl11 + "fault", new XAttribute(AddressingMetadata + "Action", f.Action), new XAttribute("name", FaultName(o, f)), new XAttribute("message", "tns:" + FaultMessage(contract, o, f))));
                return operation;
            }));

    private static XElement Binding(ContractDescription contract, WsdlBindingKind kind, WsdlEndpoint endpoint)
    {
        var soap = kind.Soap12 ? Soap12 : Soap11;
        var name = kind.Name(contract.Name);
        var binding = new XElement(Wsdl11 + "binding", new XAttribute("name", name), new XAttribute("type", "tns:" + contract.Name));
        if (WsdlPolicy.Assertions(kind, endpoint).Any())
            binding.Add(new XElement(Policy + "PolicyReference", new XAttribute("URI", "#" + WsdlPolicy.Id(name))));
        binding.Add(new XElement(soap + "binding", new XAttribute("transport", HttpTransport)));
        foreach (var o in contract.Operations)
        {
            var operation = new XElement(Wsdl11 + "operation", new XAttribute("name", o.Name),
                new XElement(soap + "operation", new XAttribute("soapAction", o.Action), new XAttribute("style", "document")),
                new XElement(Wsdl11 + "input", Literal(soap)));
            if (!o.IsOneWay)
                operation.Add(new XElement(Wsdl11 + "output", Literal(soap)));
            foreach (var f in o.Faults)
                operation.Add(new XElement(Wsdl11 + "fault", new XAttribute("name", FaultName(o, f)),
                    new XElement(soap + "fault", new XAttribute("use", "literal"), new XAttribute("name", FaultName(o, f)), new XAttribute("namespace", ""))));
            binding.Add(operation);
        }
        return binding;
    }

    private static XElement Literal(XNamespace soap) => new(soap + "body", new XAttribute("use", "literal"));
}
