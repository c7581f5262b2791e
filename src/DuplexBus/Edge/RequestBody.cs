using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Edge;

/// <summary>
/// Reads a request body up to a limit into a pooled buffer that grows (doubling from 16 KB) only as bytes arrive:
/// what the client claims in <c>Content-Length</c> sizes nothing, so a client that announces 4 MB and sends ten
/// bytes costs the host 16 KB. Past the limit nothing more is kept: the rest is read and thrown away (so the client,
/// which sends its whole body before it reads the answer, gets the fault), up to a bound beyond which the
/// connection is dropped instead.
/// </summary>
internal static class RequestBody
{
    internal const int ChunkSize = 16 * 1024;

    /// <summary>How far past the limit a body is still read (and discarded) so its sender can be answered.</summary>
    public static long DrainBound(int limit) => 4L * limit;

    public static async Task<RequestBodyResult> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > DrainBound(limit))
            return RequestBodyResult.Unreadable;
        if (request.ContentLength > limit)
            return await DrainAsync(request.Body, 0, limit, cancellationToken).ConfigureAwait(false);

        byte[]? buffer = ArrayPool<byte>.Shared.Rent(Math.Min(ChunkSize, limit));
        var length = 0;
        try
        {
            while (true)
            {
                var room = Math.Min(buffer.Length, limit);
                if (length == room)
                {
                    if (length >= limit)
                    {
                        // Full at the limit: one more byte means the body is over it.
                        if (await IsAtEndAsync(request.Body, cancellationToken).ConfigureAwait(false))
                            break;
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = null;
                        return await DrainAsync(request.Body, length + 1L, limit, cancellationToken).ConfigureAwait(false);
                    }
                    buffer = Grow(buffer, length, limit);
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                length += read;
            }
        }
        catch
        {
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        return new RequestBodyResult(buffer, length);
    }

    /// <summary>A buffer twice as large (but no larger than the limit), holding what was read.</summary>
    private static byte[] Grow(byte[] buffer, int length, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static async Task<bool> IsAtEndAsync(Stream body, CancellationToken cancellationToken)
    {
        var probe = ArrayPool<byte>.Shared.Rent(1);
        try
        {
            return await body.ReadAsync(probe.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) == 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(probe);
        }
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
