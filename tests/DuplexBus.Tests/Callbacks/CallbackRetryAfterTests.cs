using System.Net.Http.Headers;
using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class CallbackRetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("120", 120.0)]
    [InlineData("0", 0.0)]
    [InlineData("Tue, 01 Dec 2026 10:00:30 GMT", 30.0)]
    [InlineData("Tue, 01 Dec 2026 09:59:00 GMT", 0.0)] // a date in our past: now
    [InlineData("Tuesday, 01-Dec-26 10:01:00 GMT", 60.0)] // RFC 850, which recipients must read
    [InlineData("Tue Dec  1 10:02:00 2026", 120.0)] // asctime
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("soon", null)]
    [InlineData("-5", null)]
    public void Retry_After_is_read_as_delta_seconds_or_an_HTTP_date(string? header, double? seconds)
    {
        var wait = CallbackRetryAfter.WaitFrom(header, Now);

        Assert.Equal(seconds, wait?.TotalSeconds);
    }

    [Fact]
    public void The_typed_header_of_a_response_is_read_the_same_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), CallbackRetryAfter.WaitFrom(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now));
        Assert.Equal(TimeSpan.FromMinutes(5), CallbackRetryAfter.WaitFrom(new RetryConditionHeaderValue(Now.AddMinutes(5)), Now));
        Assert.Null(CallbackRetryAfter.WaitFrom((RetryConditionHeaderValue?)null, Now));
    }
}
