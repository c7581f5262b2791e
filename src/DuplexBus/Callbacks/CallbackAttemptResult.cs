using System.Net;
using System.Text;
using System.Xml;

namespace DuplexBus.Callbacks;

/// <summary>What one attempt came to, and whether trying again could change it.</summary>
public sealed record CallbackAttemptResult(CallbackAttemptKind Kind, int? StatusCode, string Description)
{
    public static CallbackAttemptResult Delivered(int status) => new(CallbackAttemptKind.Delivered, status, $"HTTP {status}");

    /// <summary>
    /// Classifies the client's answer: 2xx delivered; a SOAP fault or any other 4xx (and 3xx: redirects are not
    /// followed) is the client's final word; 5xx without a fault is a passing failure worth retrying.
    /// </summary>
    public static CallbackAttemptResult FromResponse(HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
            return Delivered(code);
        if (IsSoapFault(body))
            return new(CallbackAttemptKind.Refused, code, $"HTTP {code} with a SOAP fault: {Excerpt(body)}");
        if (code >= 500)
            return new(CallbackAttemptKind.Failed, code, $"HTTP {code}");
        return new(CallbackAttemptKind.Refused, code, code is >= 300 and < 400 ? $"HTTP {code}: redirects are not followed" : $"HTTP {code}");
    }

    public static CallbackAttemptResult Unreachable(string reason) => new(CallbackAttemptKind.Failed, null, reason);

    public static CallbackAttemptResult NotAllowed(string reason) => new(CallbackAttemptKind.Refused, null, "refused by the allow-list: " + reason);

    private static readonly XmlReaderSettings Hardened = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1024 * 1024,
    };

    /// <summary>Whether the body is a SOAP envelope whose body is a Fault (either envelope version).</summary>
    private static bool IsSoapFault(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
            return false;
        try
        {
            using var stream = new MemoryStream(body.ToArray());
            using var reader = XmlReader.Create(stream, Hardened);
            reader.MoveToContent();
            var envelope = reader.NamespaceURI;
            if (reader.LocalName != "Envelope" || envelope is not (Soap11 or Soap12))
                return false;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != envelope || reader.LocalName != "Body")
                    continue;
                reader.Read();
                reader.MoveToContent();
                return reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == envelope && reader.LocalName == "Fault";
            }
            return false;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    private static string Excerpt(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 400)]);
        return text.ReplaceLineEndings(" ");
    }
}
