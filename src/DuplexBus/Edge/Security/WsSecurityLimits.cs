namespace DuplexBus.Edge.Security;

/// <summary>What the pure WS-Security reader accepts; <see cref="SoapSecurityOptions"/> supplies the times.</summary>
internal sealed record WsSecurityLimits
{
    public const int MaxUserNameLength = 256;
    public const int MaxPasswordLength = 1024;
    public const int MaxNonceBytes = 128;

    public static readonly WsSecurityLimits Default = new();

    /// <summary>How far the sender's clock may be ahead of or behind ours.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How old (by its Created) a message may be; older ones are stale.</summary>
    public TimeSpan MaxMessageAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Every message must carry a wsu:Timestamp (WCF always sends one).</summary>
    public bool RequireTimestamp { get; init; } = true;
}
