using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Edge;

/// <summary>
/// Reads a request body up to a limit. Past the limit nothing more is kept: the rest is read and thrown away (so
/// the client, which sends its whole body before it reads the answer, gets the fault), up to a bound beyond which
/// the connection is dropped instead.
/// </summary>
internal static class RequestBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>How far past the limit a body is still read (and discarded) so its sender can be answered.</summary>
    public static long DrainBound(int limit) => 4L * limit;

    public static async Task<RequestBodyResult> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > DrainBound(limit))
            return RequestBodyResult.Unreadable;
        if (request.ContentLength > limit)
            return await DrainAsync(request.Body, 0, limit, cancellationToken).ConfigureAwait(false);

        var buffered = new MemoryStream(request.ContentLength is { } length ? (int)length : ChunkSize);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffered.Length + read > limit)
                {
                    var seen = buffered.Length + read;
                    await buffered.DisposeAsync().ConfigureAwait(false);
                    return await DrainAsync(request.Body, seen, limit, cancellationToken).ConfigureAwait(false);
                }
                buffered.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        buffered.Position = 0;
        return new RequestBodyResult(buffered, TooLarge: false);
    }

    private static async Task<RequestBodyResult> DrainAsync(Stream body, long seen, int limit, CancellationToken cancellationToken)
    {
        var bound = DrainBound(limit);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                seen += read;
                if (seen > bound)
                    return RequestBodyResult.Unreadable;
            }
            return RequestBodyResult.Oversize;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}

/// <param name="Body">The whole body, when it is within the limit.</param>
/// <param name="TooLarge">Past the limit; the rest was discarded.</param>
/// <param name="Abandon">So far past the limit that the connection is dropped without an answer.</param>
internal sealed record RequestBodyResult(MemoryStream? Body, bool TooLarge, bool Abandon = false) : IDisposable
{
    public static readonly RequestBodyResult Oversize = new(null, TooLarge: true);

    public static readonly RequestBodyResult Unreadable = new(null, TooLarge: true, Abandon: true);

    public void Dispose() => Body?.Dispose();
}
