using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>The two SOAP envelope versions, as data: what differs between them is looked up here, never branched on.</summary>
public sealed class SoapVersion
{
    public static readonly SoapVersion Soap11 = new(
        name: "SOAP 1.1",
        envelopeNamespace: "http://schemas.xmlsoap.org/soap/envelope/",
        mediaType: "text/xml",
        senderCode: "Client",
        receiverCode: "Server");

    public static readonly SoapVersion Soap12 = new(
        name: "SOAP 1.2",
        envelopeNamespace: "http://www.w3.org/2003/05/soap-envelope",
        mediaType: "application/soap+xml",
        senderCode: "Sender",
        receiverCode: "Receiver");

    private SoapVersion(string name, string envelopeNamespace, string mediaType, string senderCode, string receiverCode)
    {
        Name = name;
        Namespace = envelopeNamespace;
        MediaType = mediaType;
        SenderCode = XName.Get(senderCode, envelopeNamespace);
        ReceiverCode = XName.Get(receiverCode, envelopeNamespace);
        MustUnderstandCode = XName.Get("MustUnderstand", envelopeNamespace);
        VersionMismatchCode = XName.Get("VersionMismatch", envelopeNamespace);
        ContentType = mediaType + "; charset=utf-8";
    }

    public string Name { get; }

    public XNamespace Namespace { get; }

    /// <summary>The HTTP media type the version travels with; WCF picks the envelope version from it.</summary>
    public string MediaType { get; }

    public string ContentType { get; }

    public XName SenderCode { get; }

    public XName ReceiverCode { get; }

    public XName MustUnderstandCode { get; }

    public XName VersionMismatchCode { get; }

    public static SoapVersion? FromNamespace(string envelopeNamespace) =>
        envelopeNamespace == Soap11.Namespace.NamespaceName ? Soap11
        : envelopeNamespace == Soap12.Namespace.NamespaceName ? Soap12
        : null;

    /// <summary>Picks the version from an HTTP Content-Type; null when it is neither SOAP media type.</summary>
    public static SoapVersion? FromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
            return null;
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0)
            media = media[..semicolon];
        media = media.Trim();
        if (media.Equals(Soap11.MediaType, StringComparison.OrdinalIgnoreCase))
            return Soap11;
        if (media.Equals(Soap12.MediaType, StringComparison.OrdinalIgnoreCase))
            return Soap12;
        return null;
    }

    public override string ToString() => Name;
}
