namespace DuplexBus.Edge.Security;

/// <summary>What the HTTP layer (client certificate, Authorization header) decided before the body is read.</summary>
/// <param name="Status">The refusal's HTTP status (401 or 403), when refused.</param>
/// <param name="Challenge">The <c>WWW-Authenticate</c> value of a 401.</param>
internal readonly record struct TransportCheck(TransportOutcome Outcome, int Status = 0, string? Challenge = null, string? Reason = null)
{
    public static readonly TransportCheck Anonymous = new(TransportOutcome.Anonymous);
    public static readonly TransportCheck Authenticated = new(TransportOutcome.Authenticated);
    public static readonly TransportCheck NeedsToken = new(TransportOutcome.NeedsToken);

    public static TransportCheck Unauthorized(string realm, string reason) =>
        new(TransportOutcome.Refused, 401, $"Basic realm=\"{realm.Replace("\"", "", StringComparison.Ordinal)}\", charset=\"UTF-8\"", reason);

    public static TransportCheck Forbidden(string reason) => new(TransportOutcome.Refused, 403, null, reason);
}

internal enum TransportOutcome
{
    /// <summary>The endpoint needs no authentication.</summary>
    Anonymous,

    /// <summary>A transport credential was accepted; <c>HttpContext.User</c> is set.</summary>
    Authenticated,

    /// <summary>No transport credential; the envelope must carry a UsernameToken.</summary>
    NeedsToken,

    /// <summary>Answered with a status and nothing else; the body is not read.</summary>
    Refused,
}
