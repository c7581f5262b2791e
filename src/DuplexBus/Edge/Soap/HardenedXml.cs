using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Edge.Soap;

/// <summary>
/// XML reading that an attacker cannot steer: no DTDs, no external resolution, bounded size and depth.
/// Elements are loaded by hand rather than with XElement.Load so that the depth limit holds while reading.
/// </summary>
internal static class HardenedXml
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    public static XmlReader CreateReader(Stream input, long maxCharacters) =>
        XmlReader.Create(input, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        });

    /// <summary>Loads the element the reader is on and leaves the reader on the node after its end.</summary>
    public static XElement LoadElement(XmlReader reader, int maxDepth)
    {
        var root = StartElement(reader, maxDepth);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return root;
        }

        var current = root;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var child = StartElement(reader, maxDepth);
                    current.Add(child);
                    if (!reader.IsEmptyElement)
                        current = child;
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    current.Add(new XText(reader.Value));
                    break;
                case XmlNodeType.EndElement:
                    if (ReferenceEquals(current, root))
                    {
                        reader.Read();
                        return root;
                    }
                    current = current.Parent!;
                    break;
            }
        }
        throw new XmlException("Unexpected end of the document.");
    }

    private static XElement StartElement(XmlReader reader, int maxDepth)
    {
        if (reader.Depth >= maxDepth)
            throw new XmlDepthException(maxDepth);
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                var name = reader.NamespaceURI.Length == 0 ? XName.Get(reader.LocalName)
                    : reader.NamespaceURI == XmlnsNamespace && reader.LocalName == "xmlns" ? XName.Get("xmlns")
                    : XName.Get(reader.LocalName, reader.NamespaceURI);
                element.Add(new XAttribute(name, reader.Value));
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        return element;
    }
}

internal sealed class XmlDepthException(int limit) : Exception($"Elements nest deeper than {limit}.")
{
    public int Limit { get; } = limit;
}
