namespace DuplexBus.Edge.Soap;

/// <summary>Limits and knowledge the envelope reader needs; the defaults match the edge's defaults.</summary>
public sealed record SoapReadOptions
{
    public static readonly SoapReadOptions Default = new();

    /// <summary>Deepest element nesting accepted (WCF's reader quota default is 32).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most characters accepted in one envelope.</summary>
    public long MaxCharacters { get; init; } = 4 * 1024 * 1024;

    /// <summary>Header blocks that later steps of the path process; any other mustUnderstand header is refused.</summary>
    public IReadOnlySet<System.Xml.Linq.XName> UnderstoodHeaders { get; init; } = new HashSet<System.Xml.Linq.XName>();
}
