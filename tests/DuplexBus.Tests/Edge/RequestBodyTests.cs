using System.Text;
using DuplexBus.Edge;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Tests.Edge;

/// <summary>The request body is read into a buffer that grows with what arrives, never with what the client claims.</summary>
public sealed class RequestBodyTests
{
    private const int Limit = 4 * 1024 * 1024;

    private static HttpRequest Request(byte[] body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    [Fact]
    public async Task A_body_that_claims_4_MB_and_sends_10_bytes_costs_no_more_than_the_first_buffer()
    {
        var ten = Encoding.UTF8.GetBytes("0123456789");
        using (await RequestBody.ReadAsync(Request(ten, Limit), Limit, CancellationToken.None))
        {
            // warm up: the pool and the async machinery allocate once
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var result = await RequestBody.ReadAsync(Request(ten, Limit), Limit, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10, result.Length);
        Assert.Equal("0123456789", Encoding.UTF8.GetString(result.Body!.ToArray()));
        Assert.True(result.Capacity <= RequestBody.ChunkSize, $"a buffer of {result.Capacity:N0} bytes holds 10");
        Assert.True(allocated < 64 * 1024, $"reading 10 bytes allocated {allocated:N0}");
    }

    public static TheoryData<int> Sizes => new() { 0, 1, RequestBody.ChunkSize - 1, RequestBody.ChunkSize, RequestBody.ChunkSize + 1, 100_000, Limit - 1, Limit };

    [Theory, MemberData(nameof(Sizes))]
    public async Task A_body_within_the_limit_is_read_whole_into_a_buffer_at_most_twice_its_size(int size)
    {
        var body = new byte[size];
        Random.Shared.NextBytes(body);

        using var result = await RequestBody.ReadAsync(Request(body, contentLength: null), Limit, CancellationToken.None);

        Assert.False(result.TooLarge);
        Assert.Equal(body, result.Body!.ToArray());
        Assert.True(result.Capacity <= Math.Max(RequestBody.ChunkSize, 2 * size), $"a buffer of {result.Capacity:N0} bytes holds {size:N0}");
    }

    [Theory]
    [InlineData(Limit + 1)]
    [InlineData(Limit + 100_000)]
    public async Task A_body_past_the_limit_without_a_Content_Length_is_too_large(int size)
    {
        using var result = await RequestBody.ReadAsync(Request(new byte[size], contentLength: null), Limit, CancellationToken.None);

        Assert.True(result.TooLarge);
        Assert.False(result.Abandon);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task A_body_far_past_the_limit_is_abandoned()
    {
        using var result = await RequestBody.ReadAsync(Request(new byte[(int)RequestBody.DrainBound(1024) + 1], contentLength: null), 1024, CancellationToken.None);

        Assert.True(result.Abandon);
    }
}
