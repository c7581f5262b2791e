using System.Net;

namespace DuplexBus.Testing.LightRm;

/// <summary>The HTTP side of the light generator: one HttpClient for all sessions, HTTP/1.1, one POST per message.</summary>
public static class LightRmHttp
{
    /// <summary>
    /// An HttpClient with a connection for every session (each has one request in flight, as WCF's client has on
    /// anonymous HTTP) and nothing that would make it differ from WCF on the wire: no cookies, no proxy, no compression.
    /// </summary>
    public static HttpClient Create(int sessions) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(1, sessions),
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        // WCF's default SendTimeout.
        Timeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>POSTs an envelope (with a Content-Length, as WCF does) and reads the answer: its status, and its envelope if it has one.</summary>
    public static async Task<(int Status, RmResponse? Answer)> PostAsync(HttpClient http, Uri service, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var content = new ReadOnlyMemoryContent(envelope);
        content.Headers.TryAddWithoutValidation("Content-Type", LightRmNames.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, service) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentLength == 0)
            return (status, null);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            try
            {
                return (status, RmResponseReader.Read(body));
            }
            catch (FormatException) when (status != 200)
            {
                return (status, null); // e.g. a plain-text 503: the status says enough
            }
        }
    }
}
