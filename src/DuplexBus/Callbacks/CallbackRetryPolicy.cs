namespace DuplexBus.Callbacks;

/// <summary>
/// When to try a failed callback again: exponential backoff with jitter, and when to stop. Jitter spreads the retries
/// of many callbacks to one recovering client, so they do not arrive as one burst.
/// </summary>
public sealed class CallbackRetryPolicy(TimeSpan initialDelay, TimeSpan maxDelay, int maxAttempts, TimeSpan maxWindow)
{
    public static CallbackRetryPolicy From(CallbackOptions options) =>
        new(options.InitialRetryDelay, options.MaxRetryDelay, options.MaxAttempts, options.MaxRetryWindow);

    /// <summary>The wait after attempt number <paramref name="attempts"/> failed: between half and all of the capped backoff.</summary>
    /// <param name="random">A number in [0, 1).</param>
    public TimeSpan DelayAfter(int attempts, double random)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var capped = Math.Min(initialDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random / 2)));
    }

    /// <summary>Whether a callback that has failed <paramref name="attempts"/> times is given up.</summary>
    public bool IsExhausted(int attempts, DateTime windowStartedAt, DateTime now) =>
        attempts >= maxAttempts || IsPastWindow(windowStartedAt, now);

    /// <summary>Whether the retry window of a callback has closed, whatever its attempts.</summary>
    public bool IsPastWindow(DateTime windowStartedAt, DateTime now) => now - windowStartedAt >= maxWindow;
}
