using System.Net.Sockets;

namespace DuplexBus.Testing;

/// <summary>Checks that a broker speaks AMQP 0-9-1, not merely that its port is open.</summary>
internal static class AmqpProbe
{
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();
    private const byte MethodFrame = 1;

    /// <summary>
    /// Sends the protocol header and expects a method frame (Connection.Start) back; null when it comes,
    /// otherwise why not. RabbitMQ opens its listener only at the end of boot, so an answer means ready.
    /// </summary>
    public static async Task<string?> ProblemAsync(string host, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, cts.Token).ConfigureAwait(false);
            var first = new byte[1];
            var read = await stream.ReadAsync(first, cts.Token).ConfigureAwait(false);
            return read == 1 && first[0] == MethodFrame
                ? null
                : read == 0 ? "connection closed without an AMQP answer" : $"unexpected first byte {first[0]}";
        }
        catch (OperationCanceledException)
        {
            return $"no AMQP answer from {host}:{port} within {timeout.TotalSeconds:0.#}s";
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return ex.Message;
        }
    }
}
