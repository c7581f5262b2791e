namespace DuplexBus.Testing.Proxy;

/// <summary>
/// How a <see cref="LossyProxy"/> misbehaves. Each probability is per request, in [0, 1], and drawn independently;
/// a request that is dropped is never also duplicated.
/// </summary>
public sealed class LossyProxyOptions
{
    /// <summary>Seeds the single random source of every decision: the same seed gives the same decisions in arrival order.</summary>
    public int Seed { get; set; }

    /// <summary>Probability that a request is not forwarded and the client's connection is aborted, as a lost request looks.</summary>
    public double DropRequest { get; set; }

    /// <summary>Probability that a request is forwarded and processed, but the client's connection is aborted instead of answered.</summary>
    public double DropReply { get; set; }

    /// <summary>Probability that a request is forwarded twice, back to back; the client gets the second reply.</summary>
    public double Duplicate { get; set; }

    /// <summary>Probability that a request is held for a random time up to <see cref="MaxDelay"/> first, which reorders concurrent requests.</summary>
    public double Delay { get; set; }

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Most drops (of requests or replies) in a row among the requests <see cref="Applies"/> to; the next one is forwarded,
    /// so a client with a retry limit (WCF's MaxRetryCount is 8) always gets through eventually.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>Which requests may be disturbed; the others are forwarded untouched and draw no decision. Null: all.</summary>
    public Func<HttpRequestInfo, bool>? Applies { get; set; }

    internal void Validate()
    {
        Probability(DropRequest, nameof(DropRequest));
        Probability(DropReply, nameof(DropReply));
        Probability(Duplicate, nameof(Duplicate));
        Probability(Delay, nameof(Delay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, TimeSpan.Zero, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConsecutiveFailures, nameof(MaxConsecutiveFailures));
    }

    private static void Probability(double value, string name)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
            throw new ArgumentOutOfRangeException(name, value, "A probability must be between 0 and 1.");
    }
}
