using System.Net;

namespace DuplexBus.Chaos.Workload;

/// <summary>
/// A plain SOAP client that makes resending safe: each message has one wsa:MessageID, and it is sent again, the same
/// bytes, on any answer but 202 (an error status, a reset, a timeout), with a growing pause, until 202 or out of patience.
/// </summary>
internal sealed class ResendingSoapClient(HttpClient http, Func<Uri> service, bool soap12)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>True once the service answered 202; false when <paramref name="until"/> passed first.</summary>
    public async Task<bool> SendAsync(string action, System.Xml.Linq.XElement body, Uri? replyTo, InstanceLedger ledger, DateTimeOffset until, CancellationToken ct)
    {
        var envelope = SoapMessages.Envelope(soap12, action, Guid.NewGuid(), body, replyTo);
        var pause = FirstPause;
        while (DateTimeOffset.UtcNow < until)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service(), "/services/work"))
                {
                    Content = SoapMessages.Content(soap12, action, envelope),
                };
                using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Accepted)
                    return true;
                ledger.Refused($"HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                ledger.Refused(e.HttpRequestError == HttpRequestError.Unknown ? "no answer" : $"no answer ({e.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                ledger.Refused("timeout");
            }

            await Task.Delay(pause, ct).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }

        return false;
    }
}
