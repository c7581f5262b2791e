using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>
/// XML reading that an attacker cannot steer: no DTDs, no external resolution, bounded size, depth, node count,
/// attributes, string and name lengths. Elements are loaded by hand rather than with XElement.Load so that every
/// quota holds while reading: a tree is never built past one.
/// </summary>
internal static class HardenedXml
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>Characters of distinct names a reader holds unless told otherwise (WCF's default reader quota).</summary>
    public const int DefaultMaxNameCharacters = 16 * 1024;

    /// <summary>The reason a SOAP 1.1 message with a processing instruction is refused.</summary>
    public const string ProcessingInstructionRefused = "SOAP 1.1 messages must not contain processing instructions.";

    public static XmlReader CreateReader(Stream input, long maxCharacters, long maxNameCharacters = DefaultMaxNameCharacters) =>
        XmlReader.Create(input, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            // Seen, so that SOAP 1.1 can refuse them; skipped for SOAP 1.2.
            IgnoreProcessingInstructions = false,
            CloseInput = false,
            NameTable = new QuotaNameTable(maxNameCharacters),
        });

    /// <summary>Loads the element the reader is on, within a depth, and leaves the reader on the node after its end.</summary>
    public static XElement LoadElement(XmlReader reader, int maxDepth) =>
        LoadElement(reader, XmlQuotas.Default with { MaxDepth = maxDepth });

    /// <summary>Loads the element the reader is on, within the quotas, and leaves the reader on the node after its end.</summary>
    public static XElement LoadElement(XmlReader reader, XmlQuotas quotas)
    {
        var budget = new Budget(quotas, reader.Depth);
        var root = StartElement(reader, ref budget);
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
                    var child = StartElement(reader, ref budget);
                    current.Add(child);
                    if (!reader.IsEmptyElement)
                        current = child;
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    var text = reader.Value;
                    budget.Node();
                    budget.String(text.Length, reader.Depth);
                    current.Add(new XText(text));
                    break;
                case XmlNodeType.ProcessingInstruction when quotas.ForbidProcessingInstructions:
                    throw new XmlException(ProcessingInstructionRefused);
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

    private static XElement StartElement(XmlReader reader, ref Budget budget)
    {
        budget.Element(reader);
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            var attributes = 0;
            do
            {
                if (++attributes > budget.Quotas.MaxAttributesPerElement)
                    throw new XmlQuotaException(XmlQuota.AttributesPerElement, budget.Quotas.MaxAttributesPerElement);
                var value = reader.Value;
                budget.Node();
                budget.String(value.Length, reader.Depth - 1);
                var name = reader.NamespaceURI.Length == 0 ? XName.Get(reader.LocalName)
                    : reader.NamespaceURI == XmlnsNamespace && reader.LocalName == "xmlns" ? XName.Get("xmlns")
                    : XName.Get(reader.LocalName, reader.NamespaceURI);
                element.Add(new XAttribute(name, value));
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        return element;
    }

    /// <summary>What is left of the quotas while one element is loaded.</summary>
    private struct Budget(XmlQuotas quotas, int rootDepth)
    {
        private int _nodes;
        private int _headers;
        private long _headerCharacters;
        private int _headerDepth = -1;

        public readonly XmlQuotas Quotas => quotas;

        /// <summary>Counts an element the reader is on; notes when it enters or leaves the header.</summary>
        public void Element(XmlReader reader)
        {
            var depth = reader.Depth - rootDepth;
            if (depth >= quotas.MaxDepth)
                throw new XmlDepthException(quotas.MaxDepth);
            Node();
            if (_headerDepth >= 0 && depth <= _headerDepth)
                _headerDepth = -1;
            if (depth == 1 && quotas.HeaderName is { } header && reader.LocalName == header.LocalName && reader.NamespaceURI == header.NamespaceName)
                _headerDepth = 1;
            else if (_headerDepth >= 0 && depth == _headerDepth + 1 && ++_headers > quotas.MaxHeaders)
                throw new XmlQuotaException(XmlQuota.Headers, quotas.MaxHeaders);
        }

        public void Node()
        {
            if (++_nodes > quotas.MaxNodes)
                throw new XmlQuotaException(XmlQuota.Nodes, quotas.MaxNodes);
        }

        /// <summary>Counts a text or attribute value found at <paramref name="depth"/> (of the element holding it).</summary>
        public void String(int length, int depth)
        {
            if (length > quotas.MaxStringContentLength)
                throw new XmlQuotaException(XmlQuota.StringContentLength, quotas.MaxStringContentLength);
            if (_headerDepth >= 0 && depth - rootDepth > _headerDepth && (_headerCharacters += length) > quotas.MaxHeaderCharacters)
                throw new XmlQuotaException(XmlQuota.HeaderCharacters, quotas.MaxHeaderCharacters);
        }
    }
}

internal sealed class XmlDepthException(int limit) : Exception($"Elements nest deeper than {limit}.")
{
    public int Limit { get; } = limit;
}
