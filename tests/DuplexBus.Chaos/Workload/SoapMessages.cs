using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace DuplexBus.Chaos.Workload;

/// <summary>The sample service's one-way messages as a plain SOAP client writes them, with WS-Addressing 1.0.</summary>
internal static class SoapMessages
{
    public const string StartWorkAction = "urn:duplexbus:samples/WorkService/StartWork";
    public const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";

    private static readonly XNamespace Samples = "urn:duplexbus:samples";
    private static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";

    public static XElement AddItem(Guid instance, int index) =>
        new(Samples + "AddItem", new XElement(Samples + "instanceId", instance), new XElement(Samples + "index", index), new XElement(Samples + "value", "v" + index));

    public static XElement StartWork(Guid instance, int steps) =>
        new(Samples + "StartWork", new XElement(Samples + "instanceId", instance), new XElement(Samples + "steps", steps));

    /// <summary>The request body; the same bytes every time it is resent (same MessageID).</summary>
    public static string Envelope(bool soap12, string action, Guid messageId, XElement body, Uri? replyTo)
    {
        var soap = soap12 ? Soap12 : Soap11;
        var header = new XElement(
            soap + "Header",
            new XElement(Wsa + "Action", new XAttribute(soap + "mustUnderstand", "1"), action),
            new XElement(Wsa + "MessageID", "urn:uuid:" + messageId));
        if (replyTo is not null)
            header.Add(new XElement(Wsa + "ReplyTo", new XElement(Wsa + "Address", replyTo.ToString())));
        return new XElement(
            soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "a", Wsa.NamespaceName),
            header,
            new XElement(soap + "Body", body)).ToString(SaveOptions.DisableFormatting);
    }

    public static HttpContent Content(bool soap12, string action, string envelope)
    {
        var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(
            soap12 ? $"application/soap+xml; charset=utf-8; action=\"{action}\"" : "text/xml; charset=utf-8");
        if (!soap12)
            content.Headers.Add("SOAPAction", $"\"{action}\"");
        return content;
    }
}
