using System.Collections.Immutable;

namespace DuplexBus.Edge.Security;

/// <summary>A UsernameToken as read from a wsse:Security header, with the freshness of the message it came in.</summary>
/// <param name="CreatedText">wsu:Created exactly as sent: the password digest is computed over these characters.</param>
/// <param name="Issued">When the message says it was made (the token's Created, else the Timestamp's).</param>
public sealed record UsernameToken(
    string UserName,
    string Password,
    bool IsDigest,
    ImmutableArray<byte> Nonce,
    string? CreatedText,
    DateTimeOffset? Issued)
{
    public bool HasNonce => !Nonce.IsDefaultOrEmpty;

    public override string ToString() => $"UsernameToken {UserName} ({(IsDigest ? "digest" : "text")}{(HasNonce ? ", nonce" : "")})";
}
