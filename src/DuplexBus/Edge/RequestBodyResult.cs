using System.Buffers;

namespace DuplexBus.Edge;

/// <summary>
/// The outcome of <see cref="RequestBody.ReadAsync"/>: the body in a pooled buffer (given back on dispose), or why
/// there is none.
/// </summary>
internal sealed class RequestBodyResult : IDisposable
{
    public static readonly RequestBodyResult Oversize = new(tooLarge: true, abandon: false);

    public static readonly RequestBodyResult Unreadable = new(tooLarge: true, abandon: true);

    private byte[]? _buffer;

    public RequestBodyResult(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
        Body = new MemoryStream(buffer, 0, length, writable: false);
    }

    private RequestBodyResult(bool tooLarge, bool abandon)
    {
        TooLarge = tooLarge;
        Abandon = abandon;
    }

    /// <summary>The whole body, when it is within the limit.</summary>
    public MemoryStream? Body { get; }

    /// <summary>Bytes in <see cref="Body"/>.</summary>
    public int Length { get; }

    /// <summary>The size of the pooled buffer holding the body: what the body costs the host while it is processed.</summary>
    public int Capacity => _buffer?.Length ?? 0;

    /// <summary>Past the limit; the rest was discarded.</summary>
    public bool TooLarge { get; }

    /// <summary>So far past the limit that the connection is dropped without an answer.</summary>
    public bool Abandon { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            Body!.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
