using System.Net;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Testing.Proxy;

/// <summary>Copying requests to the target and responses back, as a transparent HTTP/1.1 hop.</summary>
public sealed partial class LossyProxy
{
    // Hop-by-hop headers (RFC 9110 7.6.1) describe one connection and are never forwarded; the lengths are recomputed
    // from the bytes actually sent.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Expect", "Content-Length",
    };

    private static async Task<HttpRequestInfo> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new HttpRequestInfo(request.Method, request.Path.ToUriComponent() + request.QueryString.ToUriComponent(), headers, body.ToArray());
    }

    /// <summary>Sends the request to the target and reads the whole response, so a dropped reply was still fully processed.</summary>
    private async Task<HttpResponseMessage> ForwardAsync(HttpRequest source, HttpRequestInfo request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(source.Method), TargetUri(request.PathAndQuery))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (request.Content.Length > 0 || HttpMethods.IsPost(source.Method) || HttpMethods.IsPut(source.Method))
            message.Content = new ReadOnlyMemoryContent(request.Content);

        foreach (var (name, values) in source.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            // Host is kept as the client sent it: the target sees the request exactly as addressed, as behind a lossy link.
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private Uri TargetUri(string pathAndQuery) =>
        new(target.GetLeftPart(UriPartial.Authority) + target.AbsolutePath.TrimEnd('/') + pathAndQuery);

    private static async Task CopyAsync(HttpResponseMessage source, HttpResponse response, CancellationToken cancellationToken)
    {
        var body = await source.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        response.StatusCode = (int)source.StatusCode;
        foreach (var (name, values) in source.Headers.Concat(source.Content.Headers))
        {
            if (!HopByHop.Contains(name))
                response.Headers[name] = values.ToArray();
        }

        if (source.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
            return;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
