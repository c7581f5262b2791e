namespace DuplexBus.Protocol.Soap;

/// <summary>The fixed quotas an envelope is read within, besides its size and depth (see <see cref="SoapReadOptions"/>).</summary>
public enum XmlQuota
{
    /// <summary>Elements, attributes and text nodes in the envelope.</summary>
    Nodes,

    /// <summary>Attributes (namespace declarations included) on one element.</summary>
    AttributesPerElement,

    /// <summary>Characters in one text node or attribute value.</summary>
    StringContentLength,

    /// <summary>Characters of the distinct names, prefixes and namespaces of the envelope (the reader's name table).</summary>
    NameCharacters,

    /// <summary>Header blocks in the SOAP Header.</summary>
    Headers,

    /// <summary>Characters of text and attribute values inside the SOAP Header.</summary>
    HeaderCharacters,
}
