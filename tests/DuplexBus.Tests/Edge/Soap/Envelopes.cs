using System.Text;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Tests.Edge.Soap;

/// <summary>Builds request envelopes as WCF clients write them.</summary>
internal static class Envelopes
{
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Wsa10 = "http://www.w3.org/2005/08/addressing";
    public const string Wsa04 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    public const string AddItemBody =
        "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>1</index><value>a</value></AddItem>";

    public static string Plain11(string body = AddItemBody) =>
        $"<s:Envelope xmlns:s=\"{Soap11}\"><s:Body>{body}</s:Body></s:Envelope>";

    public static string Addressed(string soapNs, string wsaNs, string action, string? messageId = null, string body = AddItemBody, string extraHeaders = "") =>
        $"<s:Envelope xmlns:s=\"{soapNs}\" xmlns:a=\"{wsaNs}\"><s:Header>"
        + $"<a:Action s:mustUnderstand=\"1\">{action}</a:Action>"
        + (messageId is null ? "" : $"<a:MessageID>{messageId}</a:MessageID>")
        + "<a:To s:mustUnderstand=\"1\">http://127.0.0.1/services/work</a:To>"
        + extraHeaders
        + $"</s:Header><s:Body>{body}</s:Body></s:Envelope>";

    public static SoapReadResult Read(string xml, SoapVersion? contentType = null, string? httpAction = null, SoapReadOptions? options = null) =>
        SoapEnvelopeReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), contentType, httpAction, options ?? SoapReadOptions.Default);
}
