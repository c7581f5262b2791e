using System.Text;

namespace DuplexBus.Edge.Security;

/// <summary>An HTTP Basic <c>Authorization</c> header (RFC 7617), parsed. Pure.</summary>
internal sealed record BasicCredentials(string UserName, string Password)
{
    private const int MaxHeaderLength = 4096;

    /// <summary>Null unless <paramref name="authorization"/> is a well-formed Basic header.</summary>
    public static BasicCredentials? Parse(string? authorization)
    {
        if (authorization is null || authorization.Length > MaxHeaderLength
            || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(authorization[6..].Trim());
        }
        catch (FormatException)
        {
            return null;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(decoded);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon > WsSecurityLimits.MaxUserNameLength || text.Length - colon - 1 > WsSecurityLimits.MaxPasswordLength)
            return null;
        return new BasicCredentials(text[..colon], text[(colon + 1)..]);
    }

    public static bool IsBasic(string? authorization) =>
        authorization is not null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"Basic {UserName}";
}
