using System.Net.Http.Headers;

namespace DuplexBus.Callbacks;

/// <summary>
/// Reads a <c>Retry-After</c> answer (RFC 9110 10.2.3): delta-seconds, or an HTTP-date measured against this host's
/// clock. The client's clock and ours may disagree; a date in our past means "now".
/// </summary>
public static class CallbackRetryAfter
{
    /// <returns>The wait the client asked for, or null when it named none (or nothing readable).</returns>
    public static TimeSpan? WaitFrom(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
            return null;
        if (header.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    /// <summary>The same, from the header's text as sent.</summary>
    public static TimeSpan? WaitFrom(string? value, DateTimeOffset now) =>
        RetryConditionHeaderValue.TryParse(value, out var header) ? WaitFrom(header, now) : null;
}
