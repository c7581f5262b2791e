using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DuplexBus.Benchmarks.Latency;

/// <summary>
/// One-way StartWork calls in SOAP 1.2 with WS-Addressing 1.0 and a ReplyTo naming the callback sink: the host answers
/// 202, and the saga sends WorkCompleted to the sink when the work is done.
/// </summary>
internal sealed class StartWorkRequests(HttpClient http, Uri service, Uri replyTo, int steps)
{
    private const string ContentType = "application/soap+xml; charset=utf-8";

    public async Task SendAsync(Guid instanceId)
    {
        var envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
            + "<a:Action s:mustUnderstand=\"1\">urn:duplexbus:samples/WorkService/StartWork</a:Action>"
            + $"<a:MessageID>urn:uuid:{Guid.NewGuid()}</a:MessageID><a:ReplyTo><a:Address>{replyTo}</a:Address></a:ReplyTo>"
            + $"<a:To s:mustUnderstand=\"1\">{service}</a:To></s:Header>"
            + $"<s:Body><StartWork xmlns=\"urn:duplexbus:samples\"><instanceId>{instanceId}</instanceId><steps>{steps}</steps></StartWork></s:Body></s:Envelope>";
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        using var response = await http.PostAsync(service, content);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"StartWork was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
