using System.Collections.Immutable;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>
/// A fault as a value. <see cref="Subcodes"/> are the spec-named codes (e.g. wsa:ActionNotSupported); under SOAP 1.1,
/// which has no subcodes, the first one becomes the faultcode, as WCF does. <see cref="Headers"/> are header blocks
/// the fault message carries (WS-RM's SequenceFault under SOAP 1.1, where the detail cannot say it).
/// </summary>
public sealed record SoapFault(
    FaultCode Code,
    ImmutableArray<XName> Subcodes,
    string Reason,
    XElement? Detail = null,
    string? Action = null)
{
    /// <summary>More detail elements after <see cref="Detail"/>.</summary>
    public ImmutableArray<XElement> MoreDetail { get; init; } = [];

    public ImmutableArray<XElement> Headers { get; init; } = [];

    /// <summary>A name for logs and metrics when the subcodes do not carry the spec's name (SOAP 1.1 sequence faults).</summary>
    public string? SpecName { get; init; }

    /// <summary>The most specific code: what a client branches on, and what logs and metrics report.</summary>
    public string Name => SpecName ?? (Subcodes.IsDefaultOrEmpty ? Code.ToString() : Subcodes[^1].LocalName);

    public override string ToString() => $"{Name}: {Reason}";
}
