using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// Names and raw messages of context exchange and durable duplex (PROTOCOLS.md sections 4-5), and readers for the
/// callbacks a <see cref="CallbackReceiver"/> records.
/// </summary>
public static class CallbackSoap
{
    public const string StartWorkAction = "urn:duplexbus:samples/WorkService/StartWork";
    public const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";
    public const string WorkCompletedAction = "urn:duplexbus:samples/WorkCallback/WorkCompleted";

    public static readonly XNamespace Samples = "urn:duplexbus:samples";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Wsa10 = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace Wsa04 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static readonly XNamespace Context = "http://schemas.microsoft.com/ws/2006/05/context";
    public static readonly XNamespace CallbackContext = "http://schemas.microsoft.com/ws/2008/02/context";

    /// <summary>The anonymous address of a WS-Addressing version.</summary>
    public static string Anonymous(XNamespace wsa) =>
        wsa == Wsa10 ? "http://www.w3.org/2005/08/addressing/anonymous" : "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    /// <summary>A context exchange <c>Context</c> element with the given properties.</summary>
    public static XElement ContextElement(params (string Name, string Value)[] properties) =>
        new(Context + "Context", properties.Select(p => new XElement(Context + "Property", new XAttribute("name", p.Name), p.Value)));

    /// <summary>A .NET 4 CallbackContext header: the callback endpoint reference (WS-Addressing 1.0) and its reference parameters.</summary>
    public static XElement CallbackContextHeader(string address, params XElement[] referenceParameters) =>
        new(
            CallbackContext + "CallbackContext",
            new XElement(
                CallbackContext + "CallbackEndpointReference",
                new XElement(Wsa10 + "Address", address),
                referenceParameters.Length == 0 ? null : new XElement(Wsa10 + "ReferenceParameters", referenceParameters)));

    /// <summary>The WscContext cookie value as basicHttpContextBinding writes it: base64 of the UTF-8 (with BOM) Context element.</summary>
    public static string CookieValue(XElement context)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(context.ToString(SaveOptions.DisableFormatting))).ToArray();
        return "\"" + Convert.ToBase64String(bytes) + "\"";
    }

    public static XElement StartWork(Guid instance, int steps) =>
        new(Samples + "StartWork", new XElement(Samples + "instanceId", instance), new XElement(Samples + "steps", steps));

    public static XElement AddItem(Guid instance, int index) =>
        new(Samples + "AddItem", new XElement(Samples + "instanceId", instance), new XElement(Samples + "index", index), new XElement(Samples + "value", "v"));

    /// <summary>
    /// A request in the given SOAP and WS-Addressing versions (no addressing when <paramref name="wsa"/> is null),
    /// with an optional ReplyTo and extra headers, ready to POST.
    /// </summary>
    public static HttpContent Request(XNamespace soap, XNamespace? wsa, string action, XElement body, string? replyTo = null, params XElement[] headers)
    {
        var header = new XElement(soap + "Header");
        if (wsa is not null)
        {
            header.Add(
                new XElement(wsa + "Action", new XAttribute(soap + "mustUnderstand", "1"), action),
                new XElement(wsa + "MessageID", "urn:uuid:" + Guid.NewGuid()));
            if (replyTo is not null)
                header.Add(new XElement(wsa + "ReplyTo", new XElement(wsa + "Address", replyTo)));
        }
        header.Add(headers);
        var envelope = new XElement(
            soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", soap.NamespaceName),
            header,
            new XElement(soap + "Body", body));

        var soap12 = soap == Soap12;
        var content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8");
        if (!soap12)
            content.Headers.Add("SOAPAction", $"\"{action}\"");
        return content;
    }

    /// <summary>The fault's code and every subcode, outermost first (SOAP 1.1: the faultcode alone).</summary>
    public static IReadOnlyList<XName> FaultCodes(XElement envelope)
    {
        var fault = envelope.Descendants().First(e => e.Name.LocalName == "Fault");
        if (fault.Name.Namespace == Soap11)
            return [Qualified(fault.Element("faultcode")!)];

        var codes = new List<XName>();
        for (var code = fault.Element(Soap12 + "Code"); code is not null; code = code.Element(Soap12 + "Subcode"))
            codes.Add(Qualified(code.Element(Soap12 + "Value")!));
        return codes;
    }

    /// <summary>The callback's SOAP header named <paramref name="name"/>, or null.</summary>
    public static XElement? SoapHeader(this ReceivedRequest request, XName name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var envelope = request.Envelope();
        return envelope.Element(envelope.Name.Namespace + "Header")?.Element(name);
    }

    /// <summary>The element inside the callback's SOAP Body.</summary>
    public static XElement BodyElement(this ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var envelope = request.Envelope();
        return envelope.Element(envelope.Name.Namespace + "Body")!.Elements().Single();
    }

    /// <summary>The instanceId in a WorkCompleted callback's body.</summary>
    public static Guid CompletedInstance(this ReceivedRequest request) =>
        Guid.Parse(request.BodyElement().Element(Samples + "instanceId")!.Value);

    /// <summary>The WS-Addressing MessageID, whichever version the callback uses.</summary>
    public static string? MessageId(this ReceivedRequest request) =>
        (request.SoapHeader(Wsa10 + "MessageID") ?? request.SoapHeader(Wsa04 + "MessageID"))?.Value;

    /// <summary>The properties of a Context element.</summary>
    public static IReadOnlyDictionary<string, string> Properties(XElement context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Elements(Context + "Property").ToDictionary(p => (string)p.Attribute("name")!, p => p.Value);
    }

    private static XName Qualified(XElement value)
    {
        var parts = value.Value.Trim().Split(':');
        return value.GetNamespaceOfPrefix(parts[0])! + parts[1];
    }
}
