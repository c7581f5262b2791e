using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class CallbackRetryPolicyTests
{
    private static readonly CallbackRetryPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), maxAttempts: 20, maxWindow: TimeSpan.FromHours(24));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 512)]
    [InlineData(11, 600)]
    [InlineData(40, 600)]
    public void The_backoff_doubles_per_attempt_up_to_the_cap(int attempts, double cappedSeconds)
    {
        Assert.Equal(cappedSeconds, Policy.DelayAfter(attempts, random: 0.999999).TotalSeconds, precision: 2);
        Assert.Equal(cappedSeconds / 2, Policy.DelayAfter(attempts, random: 0).TotalSeconds, precision: 2);
    }

    [Fact]
    public void Jitter_spreads_retries_between_half_and_all_of_the_backoff()
    {
        var delays = Enumerable.Range(0, 10).Select(i => Policy.DelayAfter(5, i / 10.0)).ToList();

        Assert.Equal(delays.Count, delays.Distinct().Count());
        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 8, 16));
    }

    [Theory]
    [InlineData(19, 0, false)]
    [InlineData(20, 0, true)]
    [InlineData(1, 23.9, false)]
    [InlineData(1, 24, true)]
    public void A_callback_is_given_up_after_the_attempt_or_time_bound(int attempts, double hoursSinceWindowStart, bool exhausted)
    {
        var start = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(exhausted, Policy.IsExhausted(attempts, start, start.AddHours(hoursSinceWindowStart)));
    }
}
