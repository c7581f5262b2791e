using System.Net.Sockets;
using System.Text;

namespace DuplexBus.IntegrationTests.Limits;

/// <summary>
/// A raw HTTP client that announces a body and then sends it as slowly as a test likes, and notices when the server
/// ends the connection (an answer, a close or a reset).
/// </summary>
public sealed class SlowClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Task _ended;

    private SlowClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _ended = WatchAsync();
    }

    /// <summary>The server answered, closed or reset the connection.</summary>
    public bool EndedByServer => _ended.IsCompleted;

    public long BytesSent { get; private set; }

    public static async Task<SlowClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        return new SlowClient(tcp);
    }

    /// <summary>Request line and headers of a SOAP 1.1 AddItem that claims a body of <paramref name="contentLength"/> bytes, then the envelope's start.</summary>
    public Task SendHeadersAsync(long contentLength, bool complete = true)
    {
        var head = "POST /services/work HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
            + "SOAPAction: \"urn:duplexbus:samples/WorkService/AddItem\"\r\n"
            + (complete ? $"Content-Length: {contentLength}\r\n\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><AddItem xmlns=\"urn:duplexbus:samples\"><value>" : "X-Slow: ");
        return SendAsync(Encoding.ASCII.GetBytes(head));
    }

    /// <summary>Sends the next part of the body (or of an unfinished header); false once the server has ended the connection.</summary>
    public async Task<bool> TrickleAsync(ReadOnlyMemory<byte> bytes)
    {
        if (EndedByServer)
            return false;
        try
        {
            await SendAsync(bytes);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        try
        {
            await _ended;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // closed by us
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes);
        BytesSent += bytes.Length;
    }

    private async Task WatchAsync()
    {
        var buffer = new byte[1024];
        try
        {
            _ = await _stream.ReadAsync(buffer); // any answer, a close (0) or a reset ends the wait
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // a reset ends it as well
        }
    }
}
