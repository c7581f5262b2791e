using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using DuplexBus.Edge.Security;
using DuplexBus.IntegrationTests.Skeleton;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>Raw envelopes with hand-written wsse:Security headers, for input no WCF client would send.</summary>
public static class WsSecurityEnvelopes
{
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string PasswordTextType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    public const string PasswordDigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public const string Base64Binary = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    public const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";

    public static string AddItem11(string headers) =>
        $"<s:Envelope xmlns:s=\"{RawSoap.Soap11}\"><s:Header>{headers}</s:Header><s:Body>{RawSoap.AddItem(Guid.NewGuid(), 1)}</s:Body></s:Envelope>";

    public static string AddItem12(string headers) =>
        $"<s:Envelope xmlns:s=\"{RawSoap.Soap12}\" xmlns:a=\"{RawSoap.Wsa10}\"><s:Header><a:Action s:mustUnderstand=\"1\">{AddItemAction}</a:Action>"
        + $"<a:MessageID>urn:uuid:{Guid.NewGuid()}</a:MessageID>{headers}</s:Header><s:Body>{RawSoap.AddItem(Guid.NewGuid(), 1)}</s:Body></s:Envelope>";

    public static string AddItem(bool soap12, string headers) => soap12 ? AddItem12(headers) : AddItem11(headers);

    public static HttpContent Content(string envelope, bool soap12) => RawSoap.Content(envelope, soap12, AddItemAction);

    public static string SecurityHeader(string inner, string ns = Wsse, bool mustUnderstand = true) =>
        $"<o:Security xmlns:o=\"{ns}\" xmlns:u=\"{Wsu}\"{(mustUnderstand ? " s:mustUnderstand=\"1\"" : "")}>{inner}</o:Security>";

    public static string Timestamp(DateTimeOffset created, DateTimeOffset? expires) =>
        $"<u:Timestamp u:Id=\"_0\"><u:Created>{Time(created)}</u:Created>{(expires is { } e ? $"<u:Expires>{Time(e)}</u:Expires>" : "")}</u:Timestamp>";

    public static string Timestamp(DateTimeOffset now) => Timestamp(now, now.AddMinutes(5));

    public static string Token(string user, string password, string extra = "") =>
        $"<o:UsernameToken u:Id=\"uuid-{Guid.NewGuid()}-1\"><o:Username>{user}</o:Username>"
        + $"<o:Password Type=\"{PasswordTextType}\">{password}</o:Password>{extra}</o:UsernameToken>";

    public static string DigestToken(string user, string secret, byte[] nonce, string created) =>
        $"<o:UsernameToken><o:Username>{user}</o:Username>"
        + $"<o:Password Type=\"{PasswordDigestType}\">{PasswordDigest.Compute(nonce, created, secret)}</o:Password>"
        + $"<o:Nonce EncodingType=\"{Base64Binary}\">{Convert.ToBase64String(nonce)}</o:Nonce><u:Created>{created}</u:Created></o:UsernameToken>";

    public static string DigestToken(string user, string secret, DateTimeOffset now) =>
        DigestToken(user, secret, RandomNumberGenerator.GetBytes(16), Time(now));

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>The wsu:Created of the response's wsse:Security timestamp, or null when there is none.</summary>
    public static DateTimeOffset? ResponseTimestamp(XElement envelope)
    {
        var created = envelope.Elements().FirstOrDefault(e => e.Name.LocalName == "Header")
            ?.Element(XName.Get("Security", Wsse))
            ?.Element(XName.Get("Timestamp", Wsu))
            ?.Element(XName.Get("Created", Wsu));
        return created is null ? null : DateTimeOffset.Parse(created.Value, CultureInfo.InvariantCulture);
    }
}
