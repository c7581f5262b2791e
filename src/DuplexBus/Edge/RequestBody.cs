using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Edge;

/// <summary>Reads a request body up to a limit, and stops reading the moment the limit is passed.</summary>
internal static class RequestBody
{
    /// <returns>The body, or null when it is larger than <paramref name="limit"/> bytes.</returns>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return null;

        var initial = request.ContentLength is { } length ? (int)length : 16 * 1024;
        var buffered = new MemoryStream(initial);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffered.Length + read > limit)
                {
                    await buffered.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
                buffered.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        buffered.Position = 0;
        return buffered;
    }
}
