using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DuplexBus.Benchmarks.Work;

/// <summary>One-way calls of the sample service as plain SOAP 1.1 requests (no addressing, no session), answered 202.</summary>
internal static class PlainSoap
{
    public static async Task AddItemAsync(HttpClient http, Uri service, Guid instanceId, long index, string value)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{instanceId}</instanceId><index>{index}</index><value>{value}</value></AddItem></s:Body></s:Envelope>";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
        content.Headers.Add("SOAPAction", "\"urn:duplexbus:samples/WorkService/AddItem\"");
        using var response = await http.PostAsync(service, content);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"AddItem was answered {(int)response.StatusCode}.");
    }
}
