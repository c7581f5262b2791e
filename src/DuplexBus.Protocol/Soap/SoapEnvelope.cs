using System.Collections.Immutable;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

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

    /// <summary>The whole envelope as read (kept to park a message that cannot be applied).</summary>
    public XElement? Element { get; init; }

    /// <summary>The W3C traceparent the transport carried: the edge's span in the caller's trace, or the caller's header.</summary>
    public string? TraceParent { get; init; }

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
