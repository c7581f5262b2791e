using System.Collections.Immutable;
using System.Xml.Linq;

namespace DuplexBus.Edge.Soap;

/// <summary>
/// A fault as a value. <see cref="Subcodes"/> are the spec-named codes (e.g. wsa:ActionNotSupported); under SOAP 1.1,
/// which has no subcodes, the first one becomes the faultcode, as WCF does.
/// </summary>
public sealed record SoapFault(
    FaultCode Code,
    ImmutableArray<XName> Subcodes,
    string Reason,
    XElement? Detail = null,
    string? Action = null)
{
    /// <summary>The most specific code: what a client branches on, and what logs and metrics report.</summary>
    public string Name => Subcodes.IsDefaultOrEmpty ? Code.ToString() : Subcodes[^1].LocalName;

    public override string ToString() => $"{Name}: {Reason}";
}
