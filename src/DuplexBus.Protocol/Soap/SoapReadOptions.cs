namespace DuplexBus.Protocol.Soap;

/// <summary>Limits and knowledge the envelope reader needs; the defaults match the edge's defaults.</summary>
public sealed record SoapReadOptions
{
    public static readonly SoapReadOptions Default = new();

    /// <summary>Deepest element nesting accepted (WCF's reader quota default is 32).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most characters accepted in one envelope.</summary>
    public long MaxCharacters { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most elements, attributes and text nodes in one envelope: with the size, what bounds its element tree.</summary>
    public int MaxNodes { get; init; } = 16 * 1024;

    /// <summary>Most attributes (namespace declarations included) on one element.</summary>
    public int MaxAttributesPerElement { get; init; } = 64;

    /// <summary>Longest text node or attribute value, in characters.</summary>
    public int MaxStringContentLength { get; init; } = 1024 * 1024;

    /// <summary>Most characters of distinct names, prefixes and namespace URIs (WCF's MaxNameTableCharCount default).</summary>
    public int MaxNameCharacters { get; init; } = 16 * 1024;

    /// <summary>Most header blocks in the SOAP Header.</summary>
    public int MaxHeaders { get; init; } = 64;

    /// <summary>Most characters of text and attribute values inside the SOAP Header.</summary>
    public int MaxHeaderCharacters { get; init; } = 64 * 1024;

    /// <summary>Header blocks that later steps of the path process; any other mustUnderstand header is refused.</summary>
    public IReadOnlySet<System.Xml.Linq.XName> UnderstoodHeaders { get; init; } = new HashSet<System.Xml.Linq.XName>();
}
