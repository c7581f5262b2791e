using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace DuplexBus.IntegrationTests.Skeleton;

/// <summary>A client that sends exactly the bytes a test writes: for input no WCF client would produce.</summary>
public static class RawSoap
{
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Wsa10 = "http://www.w3.org/2005/08/addressing";

    public static HttpContent Content(string body, bool soap12, string? soapAction = null)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8");
        if (!soap12 && soapAction is not null)
            content.Headers.Add("SOAPAction", $"\"{soapAction}\"");
        return content;
    }

    public static string Plain11(string body) => $"<s:Envelope xmlns:s=\"{Soap11}\"><s:Body>{body}</s:Body></s:Envelope>";

    public static string Addressed12(string action, string body) =>
        $"<s:Envelope xmlns:s=\"{Soap12}\" xmlns:a=\"{Wsa10}\"><s:Header><a:Action s:mustUnderstand=\"1\">{action}</a:Action>"
        + $"<a:MessageID>urn:uuid:{Guid.NewGuid()}</a:MessageID></s:Header><s:Body>{body}</s:Body></s:Envelope>";

    public static string AddItem(Guid instance, int index) =>
        $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId><index>{index}</index><value>v</value></AddItem>";

    /// <summary>The fault's most specific code, as a qualified name, from either SOAP version.</summary>
    public static XName FaultCode(XElement envelope)
    {
        var fault = envelope.Descendants().First(e => e.Name.LocalName == "Fault");
        XElement value;
        if (fault.Name.Namespace == Soap11)
        {
            value = fault.Element("faultcode")!;
        }
        else
        {
            value = fault.Element(Soap12 + "Code")!.Element(Soap12 + "Value")!;
            while (value.Parent!.Element(Soap12 + "Subcode") is { } subcode)
                value = subcode.Element(Soap12 + "Value")!;
        }
        var parts = value.Value.Split(':');
        return value.GetNamespaceOfPrefix(parts[0])! + parts[1];
    }

    public static string FaultReason(XElement envelope) =>
        envelope.Descendants().First(e => e.Name.LocalName is "faultstring" or "Text").Value;
}
