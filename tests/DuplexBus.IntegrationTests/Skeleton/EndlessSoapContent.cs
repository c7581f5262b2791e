using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DuplexBus.IntegrationTests.Skeleton;

/// <summary>A chunked SOAP 1.2 body with no Content-Length that would go on for 64 MB if the server let it.</summary>
public sealed class EndlessSoapContent : HttpContent
{
    private const long Limit = 64L * 1024 * 1024;

    public EndlessSoapContent() =>
        Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");

    public long BytesSent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var head = Encoding.UTF8.GetBytes($"<s:Envelope xmlns:s=\"{RawSoap.Soap12}\"><s:Body><AddItem xmlns=\"urn:duplexbus:samples\"><value>");
        await stream.WriteAsync(head);
        BytesSent += head.Length;
        var filler = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
        try
        {
            while (BytesSent < Limit)
            {
                await stream.WriteAsync(filler);
                BytesSent += filler.Length;
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: exactly what the test expects.
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
