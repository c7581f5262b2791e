using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

/// <summary>The wait before the next attempt: our backoff, or the client's longer Retry-After, never past the window.</summary>
public sealed class CallbackNextAttemptTests
{
    private static readonly DateTime Start = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
    private static readonly CallbackRetryPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), maxAttempts: null, maxWindow: TimeSpan.FromHours(24));

    public static TheoryData<string, int, double, double?, double> Waits => new()
    {
        // case, attempts, hours into the window, Retry-After (s), expected wait (s); jitter at its top
        { "backoff", 3, 0, null, 4 },
        { "shorter Retry-After: backoff", 3, 0, 1, 4 },
        { "longer Retry-After: honoured", 3, 0, 30, 30 },
        { "Retry-After beyond MaxRetryDelay: honoured", 20, 1, 3600, 3600 },
        { "Retry-After past the window: the window's end", 20, 23.5, 3600, 1800 },
        { "backoff past the window: the window's end", 20, 23.99, null, 36 },
        { "window already closed: at once", 20, 25, 60, 0 },
    };

    [Theory]
    [MemberData(nameof(Waits))]
    public void Next_attempt(string _, int attempts, double hours, double? retryAfterSeconds, double expectedSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;

        var wait = Policy.NextAttemptIn(attempts, Start, Start.AddHours(hours), retryAfter, random: 0.999999);

        Assert.Equal(expectedSeconds, wait.TotalSeconds, precision: 1);
    }

    [Theory]
    [InlineData(null, 1000, false)]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    public void An_attempt_bound_applies_only_when_set(int? maxAttempts, int attempts, bool exhausted)
    {
        var policy = new CallbackRetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), maxAttempts, TimeSpan.FromHours(24));

        Assert.Equal(exhausted, policy.IsExhausted(attempts, Start, Start.AddHours(1)));
    }
}
