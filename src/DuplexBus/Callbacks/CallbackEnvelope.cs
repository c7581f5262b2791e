using System.Diagnostics;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Edge.Ingress;
using DuplexBus.Protocol.Soap;
using DuplexBus.Protocol.Tracing;

namespace DuplexBus.Callbacks;

/// <summary>
/// The SOAP message of one callback attempt, in the SOAP and WS-Addressing versions the client used: Action, a
/// MessageID that is the same on every attempt, To, and each reference parameter as a header (WS-Addressing 1.0
/// marks them <c>IsReferenceParameter</c>), so the client's own Context routes the callback to its instance.
/// </summary>
public sealed record CallbackEnvelope(byte[] Content, string ContentType, string? SoapAction)
{
    private static readonly XmlReaderSettings Fragments = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
    };

    private static readonly XmlWriterSettings Writing = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        CloseOutput = false,
    };

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    // Streamed from the stored text straight into the bytes sent: an element tree per attempt would cost a tenth of
    // the dispatcher's CPU at thousands of callbacks a second, and most of its garbage.
    public static CallbackEnvelope For(CallbackMessage callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var soap = CallbackVersions.Soap(callback.SoapVersion);
        var addressing = CallbackVersions.Addressing(callback.AddressingVersion);
        var env = soap.Namespace.NamespaceName;
        var wsa = addressing.Namespace.NamespaceName;

        using var buffer = new MemoryStream(1024 + 2 * (callback.Headers.Length + callback.Body.Length));
        using (var writer = XmlWriter.Create(buffer, Writing))
        {
            writer.WriteStartElement("s", "Envelope", env);
            if (addressing.IsAddressed)
                writer.WriteAttributeString("xmlns", "a", XmlnsNamespace, wsa);
            writer.WriteStartElement("Header", env);
            if (addressing.IsAddressed)
            {
                writer.WriteStartElement("Action", wsa);
                writer.WriteAttributeString("mustUnderstand", env, "1");
                writer.WriteString(callback.Action);
                writer.WriteEndElement();
                writer.WriteElementString("MessageID", wsa, "urn:uuid:" + callback.Id.ToString("D"));
                writer.WriteStartElement("To", wsa);
                writer.WriteAttributeString("mustUnderstand", env, "1");
                writer.WriteString(callback.Address);
                writer.WriteEndElement();
            }
            CopyElements(callback.Headers, writer, addressing == AddressingVersion.V10 ? wsa : null);
            if (callback.EchoActivityId && ActivityContext.TryParse(callback.TraceParent, null, out var trace))
                WriteActivityId(writer, callback.Id, trace.TraceId);
            writer.WriteEndElement();
            writer.WriteStartElement("Body", env);
            CopyElements(callback.Body, writer, referenceParameterNamespace: null);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        var content = buffer.ToArray();
        return soap == SoapVersion.Soap11
            ? new CallbackEnvelope(content, soap.ContentType, "\"" + callback.Action + "\"")
            : new CallbackEnvelope(content, soap.ContentType + "; action=\"" + callback.Action + "\"", null);
    }

    // The client's own activity comes back to it; the CorrelationId is fresh per header as WCF writes it, and the
    // same on every attempt, so every attempt is the same message.
    private static void WriteActivityId(XmlWriter writer, Guid callbackId, ActivityTraceId traceId)
    {
        writer.WriteStartElement(WcfActivityIdHeader.Header.LocalName, WcfActivityIdHeader.Namespace.NamespaceName);
        writer.WriteAttributeString(WcfActivityIdHeader.CorrelationIdAttribute, DeterministicGuid.Create(callbackId, "activity-id").ToString("D"));
        writer.WriteString(WcfActivityIdHeader.FromTraceId(traceId).ToString("D"));
        writer.WriteEndElement();
    }

    /// <summary>
    /// Copies stored top-level elements; with <paramref name="referenceParameterNamespace"/> (WS-Addressing 1.0) each
    /// is marked <c>IsReferenceParameter="true"</c>, replacing a marker it may already carry.
    /// </summary>
    private static void CopyElements(string xml, XmlWriter writer, string? referenceParameterNamespace)
    {
        if (string.IsNullOrWhiteSpace(xml))
            return;
        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, Fragments);
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
                reader.Read();
            else if (referenceParameterNamespace is null)
                writer.WriteNode(reader, defattr: true);
            else
                CopyMarked(reader, writer, referenceParameterNamespace);
        }
    }

    private static void CopyMarked(XmlReader reader, XmlWriter writer, string wsa)
    {
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        var isEmpty = reader.IsEmptyElement;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.LocalName != "IsReferenceParameter" || reader.NamespaceURI != wsa)
                    writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        writer.WriteAttributeString("IsReferenceParameter", wsa, "true");
        reader.Read();
        if (isEmpty)
        {
            writer.WriteEndElement();
            return;
        }
        while (reader.NodeType != XmlNodeType.EndElement)
            writer.WriteNode(reader, defattr: true);
        writer.WriteFullEndElement();
        reader.Read();
    }

    /// <summary>Elements stored one after another as text (validated when they were accepted from the client).</summary>
    public static IReadOnlyList<XElement> Elements(string xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
            return [];
        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, Fragments);
        var elements = new List<XElement>();
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
                elements.Add((XElement)XNode.ReadFrom(reader));
            else
                reader.Read();
        }
        return elements;
    }

    /// <summary>The inverse of <see cref="Elements"/>.</summary>
    public static string Text(IEnumerable<XElement> elements) =>
        string.Concat(elements.Select(e => e.ToString(SaveOptions.DisableFormatting)));
}
