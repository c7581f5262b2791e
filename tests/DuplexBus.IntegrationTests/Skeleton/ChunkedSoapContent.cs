using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DuplexBus.IntegrationTests.Skeleton;

/// <summary>A chunked SOAP 1.2 body with no Content-Length, <c>length</c> bytes long unless the server stops reading.</summary>
public sealed class ChunkedSoapContent : HttpContent
{
    private readonly long _length;

    public ChunkedSoapContent(long length)
    {
        _length = length;
        Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
    }

    public long BytesSent { get; private set; }

    /// <summary>The connection failed before the whole body was sent.</summary>
    public bool StoppedEarly { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var head = Encoding.UTF8.GetBytes($"<s:Envelope xmlns:s=\"{RawSoap.Soap12}\"><s:Body><AddItem xmlns=\"urn:duplexbus:samples\"><value>");
        await stream.WriteAsync(head);
        BytesSent += head.Length;
        var filler = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
        try
        {
            while (BytesSent < _length)
            {
                await stream.WriteAsync(filler);
                BytesSent += filler.Length;
            }
        }
        finally
        {
            if (BytesSent < _length)
                StoppedEarly = true;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
