using System.Text;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>Exactly what goes on the wire: the body bytes, the Content-Type (none when null) and SOAPAction (none when null).</summary>
public sealed record HostileRequest(byte[] Body, string? ContentType, string? SoapAction = null)
{
    public const string Soap11ContentType = "text/xml; charset=utf-8";
    public const string Soap12ContentType = "application/soap+xml; charset=utf-8";

    /// <summary>
    /// A SOAP request as WCF sends it: SOAP 1.1 with a quoted SOAPAction when <paramref name="httpAction"/> is given;
    /// SOAP 1.2 with the action as a media-type parameter only when <paramref name="httpAction"/> is given.
    /// </summary>
    public static HostileRequest Xml(Soap soap, string xml, string? httpAction) => Bytes(soap, Encoding.UTF8.GetBytes(xml), httpAction);

    public static HostileRequest Bytes(Soap soap, byte[] body, string? httpAction) =>
        soap == Soap.S11
            ? new HostileRequest(body, Soap11ContentType, httpAction is null ? null : $"\"{httpAction}\"")
            : new HostileRequest(body, httpAction is null ? Soap12ContentType : $"{Soap12ContentType}; action=\"{httpAction}\"");

    public static HostileRequest WithContentType(string? contentType, string xml, string? soapAction = null) =>
        new(Encoding.UTF8.GetBytes(xml), contentType, soapAction);
}
