namespace DuplexBus.Callbacks;

/// <summary>
/// When to try a failed callback again: exponential backoff with jitter, or later when the client asked for that
/// (<c>Retry-After</c>); and when to stop. The budget is the retry window: a client that is down for hours is still
/// called back within it. Jitter spreads the retries of many callbacks to one recovering client, so they do not
/// arrive as one burst.
/// </summary>
/// <param name="maxAttempts">An optional bound on attempts as well; null (the default) for none.</param>
public sealed class CallbackRetryPolicy(TimeSpan initialDelay, TimeSpan maxDelay, int? maxAttempts, TimeSpan maxWindow)
{
    public static CallbackRetryPolicy From(CallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.InitialRetryDelay, options.MaxRetryDelay, options.MaxAttempts, options.MaxRetryWindow);
    }

    /// <summary>The wait after attempt number <paramref name="attempts"/> failed: between half and all of the capped backoff.</summary>
    /// <param name="random">A number in [0, 1).</param>
    public TimeSpan DelayAfter(int attempts, double random)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var capped = Math.Min(initialDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random / 2)));
    }

    /// <summary>
    /// The wait before the next attempt of a callback whose attempt number <paramref name="attempts"/> just failed: the
    /// backoff, or the client's <paramref name="retryAfter"/> when that is longer (MaxRetryDelay caps our own
    /// pace, not what the client asks for). Never past the end of the retry window: the last attempt is made as the
    /// window closes rather than after it, so even a client asking for a day is tried once more before the dead letter.
    /// </summary>
    /// <param name="random">A number in [0, 1).</param>
    public TimeSpan NextAttemptIn(int attempts, DateTime windowStartedAt, DateTime now, TimeSpan? retryAfter, double random)
    {
        var wait = DelayAfter(attempts, random);
        if (retryAfter is { } asked && asked > wait)
            wait = asked;
        var windowLeft = windowStartedAt + maxWindow - now;
        return wait > windowLeft ? (windowLeft > TimeSpan.Zero ? windowLeft : TimeSpan.Zero) : wait;
    }

    /// <summary>Whether a callback that has failed <paramref name="attempts"/> times is given up.</summary>
    public bool IsExhausted(int attempts, DateTime windowStartedAt, DateTime now) =>
        attempts >= maxAttempts || IsPastWindow(windowStartedAt, now);

    /// <summary>Whether the retry window of a callback has closed, whatever its attempts.</summary>
    public bool IsPastWindow(DateTime windowStartedAt, DateTime now) => now - windowStartedAt >= maxWindow;
}
