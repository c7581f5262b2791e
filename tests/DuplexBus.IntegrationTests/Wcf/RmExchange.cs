using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>One HTTP request the WCF client sent to the <see cref="RmStub"/>, and what the stub answered.</summary>
/// <param name="At">When the request arrived, since the stub started.</param>
/// <param name="Action">The request's wsa:Action.</param>
/// <param name="MessageNumber">The MessageNumber of its wsrm:Sequence header, if it has one.</param>
public sealed record RmExchange(
    TimeSpan At,
    string ContentType,
    string? SoapAction,
    XElement Request,
    string Action,
    long? MessageNumber,
    int Status,
    XElement? Response)
{
    /// <summary>The request body exactly as it arrived.</summary>
    public string RequestText { get; init; } = "";

    /// <summary>The request's Content-Length header; null when it came chunked.</summary>
    public long? RequestContentLength { get; init; }

    /// <summary>e.g. HTTP/1.1</summary>
    public string RequestProtocol { get; init; } = "";

    /// <summary>The names of the request's SOAP headers, as prefix:local with the prefixes of PROTOCOLS.md.</summary>
    public IReadOnlyList<string> HeaderNames =>
        [.. Request.Elements().Single(e => e.Name.LocalName == "Header").Elements().Select(e => RmNames.Prefixed(e.Name))];

    /// <summary>The body's first element and its children's local names, e.g. <c>rm10:CreateSequence(AcksTo,Offer)</c>, or "(empty)".</summary>
    public string BodyShape =>
        Request.Elements().Single(e => e.Name.LocalName == "Body").Elements().FirstOrDefault() is { } first
            ? $"{RmNames.Prefixed(first.Name)}({string.Join(",", first.Elements().Select(c => c.Name.LocalName))})"
            : "(empty)";

    /// <summary>The short form of <see cref="Action"/>: <c>rm10:CreateSequence</c> for WS-RM actions, else the last segment.</summary>
    public string ShortAction =>
        RmNames.IsRm(Action[..Math.Max(0, Action.LastIndexOf('/'))])
            ? RmNames.Prefixed(XName.Get(Action[(Action.LastIndexOf('/') + 1)..], Action[..Action.LastIndexOf('/')]))
            : Action[(Action.LastIndexOf('/') + 1)..];

    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"--- +{At.TotalMilliseconds:0}ms {Action}");
        if (MessageNumber is { } number)
            text.Append(CultureInfo.InvariantCulture, $" #{number}");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Content-Type: {ContentType}");
        if (SoapAction is not null)
            text.Append(CultureInfo.InvariantCulture, $"  SOAPAction: {SoapAction}");
        text.AppendLine();
        text.AppendLine(Request.ToString());
        text.AppendLine(CultureInfo.InvariantCulture, $"<<< {Status}");
        if (Response is not null)
            text.AppendLine(Response.ToString());
        return text.ToString();
    }
}
