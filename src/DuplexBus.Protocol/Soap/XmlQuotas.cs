using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>
/// What <see cref="HardenedXml.LoadElement(System.Xml.XmlReader, XmlQuotas)"/> enforces while it reads, before any
/// node is added to the tree. With them the tree is at most <see cref="MaxNodes"/> node objects (about 100 bytes
/// each) plus strings no longer, together, than the document.
/// </summary>
internal sealed record XmlQuotas
{
    public static readonly XmlQuotas Default = new();

    public int MaxDepth { get; init; } = 32;

    public int MaxNodes { get; init; } = 16 * 1024;

    public int MaxAttributesPerElement { get; init; } = 64;

    public int MaxStringContentLength { get; init; } = 1024 * 1024;

    /// <summary>The element, among the root's children, whose children are header blocks; null when there is none.</summary>
    public XName? HeaderName { get; init; }

    public int MaxHeaders { get; init; } = 64;

    public int MaxHeaderCharacters { get; init; } = 64 * 1024;

    /// <summary>Refuse processing instructions (SOAP 1.1 §3 forbids them); otherwise they are skipped (SOAP 1.2 §5).</summary>
    public bool ForbidProcessingInstructions { get; init; }
}
