using System.Xml.Linq;
using static DuplexBus.Protocol.Wsdl.WsdlNamespaces;

namespace DuplexBus.Protocol.Wsdl;

/// <summary>
/// A contract's WSDL and schemas, generated once and rendered per request: the address (and so every
/// <c>schemaLocation</c>) is the one the client asked at, which only the request knows.
/// </summary>
internal sealed class WsdlDocument
{
    internal const string AddressPlaceholder = "urn:duplexbus:address";

    private readonly XElement _definitions;
    private readonly IReadOnlyList<XElement> _schemas;

    public WsdlDocument(string serviceName, string targetNamespace, XElement definitions, IReadOnlyList<XElement> schemas)
    {
        ServiceName = serviceName;
        TargetNamespace = targetNamespace;
        _definitions = definitions;
        _schemas = schemas;
    }

    public string ServiceName { get; }

    public string TargetNamespace { get; }

    /// <summary>How many schemas <see cref="Schema"/> serves (<c>xsd0</c> … <c>xsdN-1</c>).</summary>
    public int SchemaCount => _schemas.Count;

    /// <summary>The WSDL at <paramref name="address"/>: schemas inline (<c>?singleWsdl</c>) or imported from <c>?xsd=xsdN</c> (<c>?wsdl</c>).</summary>
    public XDocument Render(string address, bool single)
    {
        var definitions = new XElement(_definitions);
        foreach (var location in definitions.Descendants().Attributes("location").Where(a => a.Value == AddressPlaceholder))
            location.Value = address;
        var types = definitions.Element(Wsdl11 + "types")!;
        if (single)
        {
            types.Add(_schemas.Select(s => WithImportLocations(s, null)));
        }
        else
        {
            // WCF's form: one schema in a made-up namespace whose only content is the imports of the served schemas.
            types.Add(new XElement(Xsd + "schema",
                new XAttribute("targetNamespace", TargetNamespace.TrimEnd('/') + "/Imports"),
                _schemas.Select((s, i) => new XElement(Xsd + "import",
                    new XAttribute("schemaLocation", SchemaLocation(address, i)),
                    new XAttribute("namespace", (string?)s.Attribute("targetNamespace") ?? "")))));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), definitions);
    }

    /// <summary>Schema <c>xsdN</c>, its imports pointing at the others by <c>schemaLocation</c>; null past the last.</summary>
    public XDocument? Schema(string address, int index) =>
        index >= 0 && index < _schemas.Count ? new XDocument(new XDeclaration("1.0", "utf-8", null), WithImportLocations(_schemas[index], address)) : null;

    private static string SchemaLocation(string address, int index) => address + "?xsd=xsd" + index;

    /// <summary>A copy of <paramref name="schema"/> whose imports name where to get them (or nothing, when all are inline).</summary>
    private XElement WithImportLocations(XElement schema, string? address)
    {
        var copy = new XElement(schema);
        foreach (var import in copy.Elements(Xsd + "import"))
        {
            import.Attribute("schemaLocation")?.Remove();
            var ns = (string?)import.Attribute("namespace") ?? "";
            var index = IndexOf(ns);
            if (address is not null && index >= 0)
                import.Add(new XAttribute("schemaLocation", SchemaLocation(address, index)));
        }
        return copy;
    }

    private int IndexOf(string ns)
    {
        for (var i = 0; i < _schemas.Count; i++)
        {
            if (((string?)_schemas[i].Attribute("targetNamespace") ?? "") == ns)
                return i;
        }
        return -1;
    }
}
