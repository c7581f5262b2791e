using System.Collections.Immutable;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>A WS-Addressing endpoint reference: where to send, and the headers to send with it.</summary>
public sealed record EndpointAddress(string Address, ImmutableArray<XElement> ReferenceParameters)
{
    public static EndpointAddress Parse(XElement element, AddressingVersion addressing)
    {
        var address = element.Element(addressing.Address)?.Value.Trim() ?? string.Empty;
        var parameters = element.Element(addressing.ReferenceParameters)?.Elements()
            ?? element.Element(addressing.ReferenceProperties)?.Elements()
            ?? [];
        return new EndpointAddress(address, [.. parameters]);
    }
}
