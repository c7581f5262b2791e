using System.Runtime.Serialization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using System.Xml.Serialization;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Protocol.Wsdl;

/// <summary>
/// The XML Schemas of a contract's messages, as WCF exports them: the data types from
/// <see cref="XsdDataContractExporter"/> (or <see cref="XmlSchemaExporter"/> for <c>[XmlSerializerFormat]</c>
/// operations), plus one wrapper element per request and response in the contract's namespace. Compiled once, so a
/// contract whose types cannot be described fails here, at start-up, not in a client.
/// </summary>
internal static class WsdlSchemas
{
    private const string XsdNamespace = "http://www.w3.org/2001/XMLSchema";

    /// <summary>The schemas, the contract's own namespace first (it is <c>xsd0</c>), each as its own element.</summary>
    public static IReadOnlyList<XElement> Export(ContractDescription contract)
    {
        var set = new XmlSchemaSet();
        var dataContracts = new XsdDataContractExporter(set);
        var xmlSchemas = new XmlSchemas();
        var xmlExporter = new XmlSchemaExporter(xmlSchemas);
        // The exporter takes mappings from one importer only.
        var importer = new XmlReflectionImporter(contract.Namespace);
        var wrappers = new List<XmlSchemaElement>();

        foreach (var operation in contract.Operations)
        {
            if (operation.Format == ContractFormat.XmlSerializer)
            {
                xmlExporter.ExportMembersMapping(XmlWrapper(importer, operation.RequestElement, operation.Namespace, operation.Parameters));
                if (!operation.IsOneWay)
                    xmlExporter.ExportMembersMapping(XmlWrapper(importer, operation.ResponseElement, operation.Namespace, operation.Result is { } r ? [r] : []));
            }
            else
            {
                wrappers.Add(DataContractWrapper(dataContracts, operation.RequestElement, operation.Parameters));
                if (!operation.IsOneWay)
                    wrappers.Add(DataContractWrapper(dataContracts, operation.ResponseElement, operation.Result is { } r ? [r] : []));
            }
            foreach (var fault in operation.Faults)
                dataContracts.Export(fault.DetailType);
            // A client can only send a derived type its generated code knows; WCF describes every known type too.
            foreach (var known in operation.KnownTypes)
            {
                if (operation.Format == ContractFormat.XmlSerializer)
                    xmlExporter.ExportTypeMapping(importer.ImportTypeMapping(known, operation.Namespace));
                else
                    dataContracts.Export(known);
            }
        }

        foreach (XmlSchema schema in xmlSchemas)
            set.Add(schema);
        var own = SchemaFor(set, contract.Namespace);
        foreach (var wrapper in wrappers)
            own.Items.Add(wrapper);
        foreach (var operation in contract.Operations)
        {
            foreach (var fault in operation.Faults)
                AddFaultElement(set, dataContracts, fault);
        }
        foreach (XmlSchema schema in set.Schemas())
            ImportReferencedNamespaces(schema);
        foreach (XmlSchema schema in set.Schemas())
            set.Reprocess(schema);
        set.Compile();

        return [.. set.Schemas().Cast<XmlSchema>()
            .OrderBy(s => s.TargetNamespace == contract.Namespace ? 0 : 1)
            .ThenBy(s => s.TargetNamespace, StringComparer.Ordinal)
            .Select(ToElement)];
    }

    private static XmlMembersMapping XmlWrapper(XmlReflectionImporter importer, string element, string ns, IEnumerable<MessagePart> parts)
    {
        var members = parts.Select(p => new XmlReflectionMember
        {
            MemberName = p.Name,
            MemberType = p.Type,
            XmlAttributes = new XmlAttributes
            {
                XmlElements = { new XmlElementAttribute(p.Name) { Namespace = ns, IsNullable = !p.Required } },
            },
        }).ToArray();
        return importer.ImportMembersMapping(element, ns, members, hasWrapperElement: true);
    }

    /// <summary>WCF's wrapper: every part optional (<c>minOccurs="0"</c>), reference and nullable types nillable.</summary>
    private static XmlSchemaElement DataContractWrapper(XsdDataContractExporter exporter, string name, IEnumerable<MessagePart> parts)
    {
        var sequence = new XmlSchemaSequence();
        foreach (var part in parts)
        {
            exporter.Export(part.Type);
            sequence.Items.Add(new XmlSchemaElement
            {
                Name = part.Name,
                SchemaTypeName = exporter.GetSchemaTypeName(part.Type),
                MinOccurs = 0,
                IsNillable = !part.Required,
            });
        }
        return new XmlSchemaElement { Name = name, SchemaType = new XmlSchemaComplexType { Particle = sequence } };
    }

    /// <summary>The detail element of a fault, when its name or namespace is not the type's own root element.</summary>
    private static void AddFaultElement(XmlSchemaSet set, XsdDataContractExporter exporter, FaultDescription fault)
    {
        var name = new XmlQualifiedName(fault.Name, fault.Namespace);
        if (set.Schemas(fault.Namespace).Cast<XmlSchema>().Any(s => s.Elements.Contains(name) || s.Items.OfType<XmlSchemaElement>().Any(e => e.Name == fault.Name)))
            return;
        SchemaFor(set, fault.Namespace).Items.Add(new XmlSchemaElement
        {
            Name = fault.Name,
            SchemaTypeName = exporter.GetSchemaTypeName(fault.DetailType),
            IsNillable = true,
        });
    }

    private static XmlSchema SchemaFor(XmlSchemaSet set, string ns)
    {
        var schema = set.Schemas(ns).Cast<XmlSchema>().FirstOrDefault();
        if (schema is null)
        {
            schema = new XmlSchema { TargetNamespace = ns, ElementFormDefault = XmlSchemaForm.Qualified };
            set.Add(schema);
        }
        return schema;
    }

    /// <summary>An <c>xs:import</c> for every other namespace a schema's elements refer to (WCF's wrappers need them).</summary>
    private static void ImportReferencedNamespaces(XmlSchema schema)
    {
        var imported = schema.Includes.OfType<XmlSchemaImport>().Select(i => i.Namespace).ToHashSet(StringComparer.Ordinal);
        var referenced = schema.Items.OfType<XmlSchemaElement>()
            .SelectMany(e => e.SchemaType is XmlSchemaComplexType { Particle: XmlSchemaSequence s } ? s.Items.OfType<XmlSchemaElement>().Append(e) : [e])
            .Select(e => e.SchemaTypeName.Namespace)
            .Where(ns => ns.Length > 0 && ns != XsdNamespace && ns != schema.TargetNamespace)
            .Distinct(StringComparer.Ordinal);
        foreach (var ns in referenced)
        {
            if (imported.Add(ns))
                schema.Includes.Add(new XmlSchemaImport { Namespace = ns });
        }
    }

    private static XElement ToElement(XmlSchema schema)
    {
        var document = new XDocument();
        using (var writer = document.CreateWriter())
            schema.Write(writer);
        return document.Root!;
    }
}
