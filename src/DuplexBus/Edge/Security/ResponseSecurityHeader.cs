using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Security;

/// <summary>
/// Puts a wsse:Security header with a wsu:Timestamp on a response envelope the edge wrote. A WCF client that sent a
/// UsernameToken (TransportWithMessageCredential) refuses any response, fault or acknowledgement without one.
/// </summary>
internal static class ResponseSecurityHeader
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
    };

    public static byte[] Stamp(byte[] envelope, SoapVersion version, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(version);
        var document = XDocument.Parse(Encoding.UTF8.GetString(envelope), LoadOptions.PreserveWhitespace);
        var root = document.Root ?? throw new ArgumentException("The response has no envelope.", nameof(envelope));
        var header = root.Element(version.Namespace + "Header");
        if (header is null)
        {
            header = new XElement(version.Namespace + "Header");
            root.AddFirst(header);
        }
        header.AddFirst(Header(version, now, lifetime));

        using var buffer = new MemoryStream(envelope.Length + 512);
        using (var writer = XmlWriter.Create(buffer, Settings))
            document.Save(writer);
        return buffer.ToArray();
    }

    public static XElement Header(SoapVersion version, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new XElement(
            WsSecurityNames.SecurityHeader,
            new XAttribute(XNamespace.Xmlns + "o", WsSecurityNames.Wsse.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "u", WsSecurityNames.Wsu.NamespaceName),
            new XAttribute(version.Namespace + "mustUnderstand", "1"),
            new XElement(
                WsSecurityNames.Timestamp,
                new XAttribute(WsSecurityNames.Wsu + "Id", "_0"),
                new XElement(WsSecurityNames.Created, Format(now)),
                new XElement(WsSecurityNames.Expires, Format(now + lifetime))));
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
