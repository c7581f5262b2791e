using System.Text;
using System.Text.RegularExpressions;

namespace DuplexBus.Testing.Proxy;

/// <summary>A request as the proxy received it, for <see cref="LossyProxyOptions.Applies"/> to choose which requests to disturb.</summary>
public sealed partial class HttpRequestInfo
{
    private readonly byte[] content;

    public HttpRequestInfo(string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers, byte[] content)
    {
        Method = method;
        PathAndQuery = pathAndQuery;
        Headers = headers;
        this.content = content;
        Body = Encoding.UTF8.GetString(content);
        Action = FindAction(headers, Body);
    }

    public string Method { get; }

    public string PathAndQuery { get; }

    /// <summary>Request and content headers, names case-insensitive, repeated values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string Body { get; }

    /// <summary>
    /// The SOAP action: the SOAPAction header (SOAP 1.1), else the action parameter of the Content-Type (SOAP 1.2),
    /// else the first Action element of the envelope; null when there is none.
    /// </summary>
    public string? Action { get; }

    internal ReadOnlyMemory<byte> Content => content;

    public override string ToString() => Action is null ? $"{Method} {PathAndQuery}" : $"{Method} {PathAndQuery} {Action}";

    private static string? FindAction(IReadOnlyDictionary<string, string> headers, string body)
    {
        if (headers.TryGetValue("SOAPAction", out var soapAction) && soapAction.Trim('"') is { Length: > 0 } quoted)
            return quoted;
        if (headers.TryGetValue("Content-Type", out var contentType) && ContentTypeAction().Match(contentType) is { Success: true } parameter)
            return parameter.Groups[1].Value;
        return EnvelopeAction().Match(body) is { Success: true } element ? element.Groups[1].Value : null;
    }

    [GeneratedRegex("""action\s*=\s*"?([^";]+)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContentTypeAction();

    [GeneratedRegex(@"<(?:[\w.-]+:)?Action\b[^>]*>\s*([^<\s]+)\s*<", RegexOptions.CultureInvariant)]
    private static partial Regex EnvelopeAction();
}
