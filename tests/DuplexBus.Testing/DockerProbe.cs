using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DuplexBus.Testing;

/// <summary>Decides quickly whether Testcontainers can be used, before it spends time discovering engines.</summary>
internal static class DockerProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>True when a Docker engine answers <c>GET /_ping</c> with 200 within about two seconds.</summary>
    public static async Task<bool> EngineAnswersAsync()
    {
        var endPoint = EngineEndPoint();
        if (endPoint is null)
        {
            return false;
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            var protocol = endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;
            using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, protocol);
            await socket.ConnectAsync(endPoint, cts.Token).ConfigureAwait(false);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), cts.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, cts.Token).ConfigureAwait(false);
            var status = Encoding.ASCII.GetString(buffer, 0, read);
            return status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static EndPoint? EngineEndPoint()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(dockerHost))
        {
            return File.Exists("/var/run/docker.sock") ? new UnixDomainSocketEndPoint("/var/run/docker.sock") : null;
        }

        if (!Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.Scheme switch
        {
            "unix" when File.Exists(uri.LocalPath) => new UnixDomainSocketEndPoint(uri.LocalPath),
            "tcp" => new DnsEndPoint(uri.Host, uri.Port),
            _ => null,
        };
    }
}
