using System.Xml.Linq;

namespace DuplexBus.Testing;

/// <summary>One request a <see cref="CallbackReceiver"/> got, and the status it answered with.</summary>
public sealed record ReceivedRequest(
    int Number,
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int AnsweredStatus)
{
    public string? ContentType => Header("Content-Type");

    /// <summary>The header's value (several values joined by ", "), or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body parsed as XML (a SOAP envelope, for a callback).</summary>
    public XElement Envelope() => XElement.Parse(Body);
}
