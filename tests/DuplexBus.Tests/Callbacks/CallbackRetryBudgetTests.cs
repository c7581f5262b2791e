using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

/// <summary>
/// With the default options the budget of a failing callback is its retry window (24 h), not a count of attempts:
/// the backoff reaches its cap (10 min) within the first half hour and keeps calling at that pace all day.
/// </summary>
public sealed class CallbackRetryBudgetTests
{
    private static readonly DateTime Start = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999999)]
    public void With_the_defaults_a_client_down_all_day_is_still_called_until_the_window_closes(double random)
    {
        var policy = CallbackRetryPolicy.From(new CallbackOptions());
        var now = Start;
        var attempts = 0;

        while (now - Start < TimeSpan.FromHours(23))
        {
            attempts++;
            Assert.False(policy.IsExhausted(attempts, Start, now), $"given up after attempt {attempts}, {now - Start} into the window");
            now += policy.DelayAfter(attempts, random);
        }

        Assert.True(attempts > 100, $"{attempts} attempts in 23 h");
        Assert.True(policy.IsExhausted(attempts + 1, Start, Start.AddHours(24)));
    }

    [Fact]
    public void With_the_defaults_no_single_wait_is_longer_than_MaxRetryDelay()
    {
        var options = new CallbackOptions();
        var policy = CallbackRetryPolicy.From(options);

        Assert.All(Enumerable.Range(1, 500), attempts => Assert.True(policy.DelayAfter(attempts, 0.999999) <= options.MaxRetryDelay));
    }
}
