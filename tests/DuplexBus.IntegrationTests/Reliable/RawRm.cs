using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>Hand-written WS-RM envelopes (SOAP 1.2 or 1.1, WS-Addressing 1.0) for input no WCF client would send.</summary>
public sealed class RawRm(HttpClient http, Uri service, string rmNamespace, bool soap12 = true)
{
    public const string Rm10 = "http://schemas.xmlsoap.org/ws/2005/02/rm";
    public const string Rm11 = "http://docs.oasis-open.org/ws-rx/wsrm/200702";
    private const string Anonymous = "http://www.w3.org/2005/08/addressing/anonymous";

    private XNamespace Soap => soap12 ? RawSoap.Soap12 : RawSoap.Soap11;

    public async Task<(int Status, XElement? Envelope)> SendAsync(string action, string headers, string body, string? messageId = null)
    {
        var envelope =
            $"<s:Envelope xmlns:s=\"{Soap}\" xmlns:a=\"{RawSoap.Wsa10}\" xmlns:r=\"{rmNamespace}\"><s:Header>"
            + $"<a:Action s:mustUnderstand=\"1\">{action}</a:Action>"
            + (messageId is null ? "" : $"<a:MessageID>{messageId}</a:MessageID>")
            + $"<a:To s:mustUnderstand=\"1\">{service}</a:To>{headers}</s:Header><s:Body>{body}</s:Body></s:Envelope>";
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8");
        if (!soap12)
            content.Headers.Add("SOAPAction", $"\"{action}\"");
        using var response = await http.PostAsync(service, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : XElement.Parse(text));
    }

    /// <summary>Creates a sequence (with an offered reply sequence when <paramref name="offer"/> is given) and returns its id.</summary>
    public async Task<string> CreateSequenceAsync(string? offer = null)
    {
        // WS-RM 1.1 Offers name the Endpoint of the offered sequence (the anonymous one, as WCF's do).
        var endpoint = rmNamespace == Rm11 ? $"<r:Endpoint><a:Address>{Anonymous}</a:Address></r:Endpoint>" : "";
        var offerXml = offer is null ? "" : $"<r:Offer><r:Identifier>{offer}</r:Identifier>{endpoint}</r:Offer>";
        var (status, envelope) = await SendAsync(rmNamespace + "/CreateSequence", "",
            $"<r:CreateSequence><r:AcksTo><a:Address>{Anonymous}</a:Address></r:AcksTo>{offerXml}</r:CreateSequence>",
            $"urn:uuid:{Guid.NewGuid()}");
        if (status != 200)
            throw new InvalidOperationException($"CreateSequence answered {status}: {envelope}");
        return envelope!.Descendants(XName.Get("Identifier", rmNamespace)).First().Value;
    }

    public static string SequenceHeader(string id, string number, bool last = false) =>
        $"<r:Sequence s:mustUnderstand=\"1\"><r:Identifier>{id}</r:Identifier><r:MessageNumber>{number}</r:MessageNumber>{(last ? "<r:LastMessage/>" : "")}</r:Sequence>";

    public static string AddItemBody(Guid instance, int index) => RawSoap.AddItem(instance, index);
}
