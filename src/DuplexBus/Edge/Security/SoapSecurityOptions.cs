using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Edge.Security;

/// <summary>How the edge checks WS-Security headers (configuration section <c>DuplexBus:Security</c>).</summary>
public sealed class SoapSecurityOptions
{
    /// <summary>How far a client's clock may be off from ours when its timestamps are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old (by its Created time) a message may be; older ones get <c>wsu:MessageExpired</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refuse a wsse:Security header without a wsu:Timestamp (WCF always sends one).</summary>
    public bool RequireTimestamp { get; set; } = true;

    /// <summary>
    /// Most nonces remembered at once. A nonce is remembered for <see cref="MaxMessageAge"/> plus twice the skew,
    /// after which its message is refused as stale anyway; when the cache is full of live nonces, new ones are
    /// refused rather than old ones forgotten.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxNonces { get; set; } = 100_000;

    /// <summary>Lifetime of the wsu:Timestamp the edge puts on its responses.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ResponseTimestampLifetime { get; set; } = TimeSpan.FromMinutes(5);

    internal WsSecurityLimits Limits() => new()
    {
        ClockSkew = ClockSkew,
        MaxMessageAge = MaxMessageAge,
        RequireTimestamp = RequireTimestamp,
    };
}
