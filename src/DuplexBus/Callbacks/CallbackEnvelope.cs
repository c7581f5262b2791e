using System.Text;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Edge.Soap;

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

    public static CallbackEnvelope For(CallbackMessage callback)
    {
        var soap = CallbackVersions.Soap(callback.SoapVersion);
        var addressing = CallbackVersions.Addressing(callback.AddressingVersion);
        XNamespace env = soap.Namespace;
        var wsa = addressing.Namespace;
        var mustUnderstand = new XAttribute(env + "mustUnderstand", "1");

        var header = new XElement(env + "Header");
        if (addressing.IsAddressed)
        {
            header.Add(
                new XElement(addressing.Action, mustUnderstand, callback.Action),
                new XElement(addressing.MessageId, "urn:uuid:" + callback.Id.ToString("D")),
                new XElement(addressing.To, new XAttribute(mustUnderstand), callback.Address));
        }
        foreach (var parameter in Elements(callback.Headers))
        {
            if (addressing == AddressingVersion.V10)
                parameter.SetAttributeValue(wsa + "IsReferenceParameter", "true");
            header.Add(parameter);
        }

        var envelope = new XElement(
            env + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", env.NamespaceName),
            addressing.IsAddressed ? new XAttribute(XNamespace.Xmlns + "a", wsa.NamespaceName) : null,
            header,
            new XElement(env + "Body", Elements(callback.Body)));

        var content = Encoding.UTF8.GetBytes(envelope.ToString(SaveOptions.DisableFormatting));
        return soap == SoapVersion.Soap11
            ? new CallbackEnvelope(content, soap.ContentType, "\"" + callback.Action + "\"")
            : new CallbackEnvelope(content, soap.ContentType + "; action=\"" + callback.Action + "\"", null);
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
