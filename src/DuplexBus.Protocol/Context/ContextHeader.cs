using System.Collections.Immutable;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.Context;

/// <summary>
/// The context exchange header: a flat set of named string properties. The schema is strict (only Property
/// children), as WCF's reader is, so that what we accept is exactly what a WCF service would.
/// </summary>
public static class ContextHeader
{
    public static bool TryRead(XElement header, out ImmutableDictionary<string, string> properties, out SoapFault? fault)
    {
        ArgumentNullException.ThrowIfNull(header);
        properties = ImmutableDictionary<string, string>.Empty;
        fault = null;
        if (header.Name != ContextNames.ContextHeader)
            return Violation($"the element is '{header.Name.LocalName}' from namespace '{header.Name.NamespaceName}', not Context", out fault);

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var node in header.Nodes())
        {
            switch (node)
            {
                case XElement { Name: var name } when name != ContextNames.Property:
                    return Violation($"element '{name.LocalName}' from namespace '{name.NamespaceName}' is not a Property", out fault);
                case XElement property:
                    if (!TryReadProperty(property, builder, out fault))
                        return false;
                    break;
                case XText text when !string.IsNullOrWhiteSpace(text.Value):
                    return Violation("it contains text outside its Property elements", out fault);
            }
        }
        properties = builder.ToImmutable();
        return true;
    }

    /// <summary>Writes the header with the properties in ordinal key order, so that equal contexts serialize equally.</summary>
    public static XElement Write(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return new XElement(
            ContextNames.ContextHeader,
            properties
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new XElement(ContextNames.Property, new XAttribute(ContextNames.PropertyName, p.Key), p.Value)));
    }

    private static bool TryReadProperty(XElement property, ImmutableDictionary<string, string>.Builder builder, out SoapFault? fault)
    {
        fault = null;
        var name = (string?)property.Attribute(ContextNames.PropertyName);
        if (name is null)
            return Violation("a Property has no unqualified name attribute", out fault);
        if (name.Length == 0)
            return Violation("a Property has an empty name", out fault);
        if (property.HasElements)
            return Violation($"Property '{name}' contains elements; its value must be text", out fault);
        if (!builder.TryAdd(name, property.Value))
            return Violation($"Property '{name}' appears more than once", out fault);
        return true;
    }

    internal static SoapFault SchemaViolation(string reason) =>
        new(FaultCode.Sender, [], $"The Context header violates its schema: {reason}.");

    private static bool Violation(string reason, out SoapFault? fault)
    {
        fault = SchemaViolation(reason);
        return false;
    }
}
