namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>Who sends a message, and where: a sequence answers only the endpoint and the client that created it.</summary>
/// <param name="Endpoint">The endpoint path the message was sent to.</param>
/// <param name="Owner">The authenticated client identity, or null when the endpoint does not authenticate.</param>
/// <param name="Client">
/// The key of the per-client limit of open sequences: <c>user:</c> and the identity when authenticated, otherwise
/// <c>address:</c> and the client's network address.
/// </param>
public sealed record RmCaller(string Endpoint, string? Owner, string Client)
{
    public static RmCaller Of(string endpoint, string? owner, string? remoteAddress) =>
        new(endpoint, owner, owner is not null ? "user:" + owner : "address:" + (remoteAddress ?? "unknown"));

    /// <summary>
    /// Whether <paramref name="sequence"/> was created here by this client. A sequence stored before endpoints were
    /// recorded (empty <see cref="RmSequence.Endpoint"/>) belongs to whichever endpoint it is used at, so sessions
    /// open across an upgrade go on.
    /// </summary>
    public bool Owns(RmSequence sequence) =>
        (sequence.Endpoint.Length == 0 || string.Equals(sequence.Endpoint, Endpoint, StringComparison.Ordinal))
        && string.Equals(sequence.Owner, Owner, StringComparison.Ordinal);
}
