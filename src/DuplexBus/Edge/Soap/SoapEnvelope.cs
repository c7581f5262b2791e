using System.Collections.Immutable;
using System.Xml.Linq;

namespace DuplexBus.Edge.Soap;

/// <summary>
/// A parsed request. <see cref="Action"/> is the WS-Addressing action, or the HTTP SOAPAction for plain SOAP.
/// <see cref="Headers"/> keeps every header block that is not an addressing header, for the later steps of the path.
/// </summary>
public sealed record SoapEnvelope(
    SoapVersion Version,
    AddressingVersion Addressing,
    AddressingHeaders AddressingHeaders,
    string? Action,
    ImmutableArray<XElement> Headers,
    XElement? Body)
{
    public string? MessageId => AddressingHeaders.MessageId;

    public XElement? Header(XName name)
    {
        foreach (var header in Headers)
        {
            if (header.Name == name)
                return header;
        }
        return null;
    }
}
