using System.Net;
using System.Text;
using System.Xml;

namespace DuplexBus.Callbacks;

/// <summary>What one attempt came to, and whether trying again could change it.</summary>
/// <param name="Kind">Delivered, worth another attempt, or final.</param>
/// <param name="StatusCode">The client's HTTP status, if it answered.</param>
/// <param name="Description">What the row's last result says.</param>
public sealed record CallbackAttemptResult(CallbackAttemptKind Kind, int? StatusCode, string Description)
{
    /// <summary>How long the client asked us to wait (<c>Retry-After</c>) before the next attempt; only on a retried answer.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static CallbackAttemptResult Delivered(int status) => new(CallbackAttemptKind.Delivered, status, $"HTTP {status}");

    /// <summary>
    /// Classifies the client's answer: 2xx delivered; 5xx and the 4xx that mean "not now" (408, 425, 429) are worth
    /// another attempt, SOAP fault or not, since a client's server fault is as passing as its other 5xx; every other
    /// 4xx and every 3xx (redirects are not followed) will be answered the same way again, so it is final.
    /// </summary>
    /// <param name="retryAfter">The answer's <c>Retry-After</c>, already turned into a wait (see <see cref="CallbackRetryAfter"/>).</param>
    public static CallbackAttemptResult FromResponse(HttpStatusCode status, ReadOnlySpan<byte> body, TimeSpan? retryAfter = null)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
            return Delivered(code);
        var description = IsSoapFault(body)
            ? $"HTTP {code} with a SOAP fault: {Excerpt(body)}"
            : code is >= 300 and < 400 ? $"HTTP {code}: redirects are not followed" : $"HTTP {code}";
        return IsWorthRetrying(code)
            ? new(CallbackAttemptKind.Failed, code, description) { RetryAfter = retryAfter }
            : new(CallbackAttemptKind.Refused, code, description);
    }

    // 408 Request Timeout, 425 Too Early, 429 Too Many Requests: the client asks for the same request later. Anything
    // outside 2xx-4xx is no answer a client means: treated as passing, like 5xx.
    private static bool IsWorthRetrying(int code) => code is 408 or 425 or 429 or >= 500 or < 300;

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
