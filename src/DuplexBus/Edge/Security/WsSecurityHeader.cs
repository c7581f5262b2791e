using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;
using static DuplexBus.Edge.Security.WsSecurityNames;

namespace DuplexBus.Edge.Security;

/// <summary>
/// Reads the wsse:Security header of a request: one UsernameToken (PasswordText or PasswordDigest, optional Nonce
/// and Created) and a wsu:Timestamp, and checks them against the clock. Pure: the password itself is checked
/// later, by the credential validator, and the nonce by the replay cache.
/// </summary>
internal static class WsSecurityHeader
{
    public static WsSecurityReadResult Read(ImmutableArray<XElement> headers, DateTimeOffset now, WsSecurityLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        XElement? security = null;
        foreach (var header in headers)
        {
            if (header.Name != SecurityHeader)
                continue;
            if (security is not null)
                return Fail(WsSecurityFaults.InvalidSecurity("The message has more than one wsse:Security header."));
            security = header;
        }
        if (security is null)
            return Fail(WsSecurityFaults.InvalidSecurity("The message has no wsse:Security header; this endpoint requires a UsernameToken."));

        XElement? tokenElement = null;
        XElement? timestampElement = null;
        foreach (var child in security.Elements())
        {
            if (child.Name == UsernameTokenElement)
            {
                if (tokenElement is not null)
                    return Fail(WsSecurityFaults.InvalidSecurity("The wsse:Security header has more than one UsernameToken."));
                tokenElement = child;
            }
            else if (child.Name == Timestamp)
            {
                if (timestampElement is not null)
                    return Fail(WsSecurityFaults.InvalidSecurity("The wsse:Security header has more than one wsu:Timestamp."));
                timestampElement = child;
            }
            else if (child.Name.Namespace == Wsse || child.Name.Namespace == Wsse11 || child.Name.LocalName == "Assertion")
            {
                return Fail(WsSecurityFaults.UnsupportedSecurityToken($"The token '{child.Name.LocalName}' is not supported; this endpoint accepts a UsernameToken."));
            }
            else
            {
                return Fail(WsSecurityFaults.InvalidSecurity($"The wsse:Security header has an element '{child.Name.LocalName}' this endpoint does not process (signatures and encryption are not supported; the transport is HTTPS)."));
            }
        }

        DateTimeOffset? issued = null;
        if (timestampElement is not null)
        {
            var timestamp = ReadTimestamp(timestampElement, now, limits);
            if (timestamp.Fault is not null)
                return Fail(timestamp.Fault);
            issued = timestamp.Created;
        }
        else if (limits.RequireTimestamp)
        {
            return Fail(WsSecurityFaults.InvalidSecurity("The wsse:Security header has no wsu:Timestamp."));
        }

        if (tokenElement is null)
            return Fail(WsSecurityFaults.InvalidSecurity("The wsse:Security header has no UsernameToken."));
        return ReadToken(tokenElement, issued, now, limits);
    }

    private static WsSecurityReadResult ReadToken(XElement token, DateTimeOffset? timestampCreated, DateTimeOffset now, WsSecurityLimits limits)
    {
        XElement? userName = null, password = null, nonce = null, created = null;
        foreach (var child in token.Elements())
        {
            ref var slot = ref userName;
            if (child.Name == Username)
                slot = ref userName;
            else if (child.Name == Password)
                slot = ref password;
            else if (child.Name == Nonce)
                slot = ref nonce;
            else if (child.Name == Created)
                slot = ref created;
            else if (child.Name.Namespace == Wsse11)
                return Fail(WsSecurityFaults.UnsupportedSecurityToken($"The UsernameToken element '{child.Name.LocalName}' (derived keys) is not supported."));
            else
                return Fail(WsSecurityFaults.InvalidSecurityToken($"The UsernameToken has an unexpected element '{child.Name.LocalName}' from namespace '{child.Name.NamespaceName}'."));
            if (slot is not null)
                return Fail(WsSecurityFaults.InvalidSecurityToken($"The UsernameToken has more than one {child.Name.LocalName}."));
            slot = child;
        }

        if (userName is null || userName.HasElements || userName.Value.Trim().Length == 0)
            return Fail(WsSecurityFaults.InvalidSecurityToken("The UsernameToken has no Username."));
        var name = userName.Value.Trim();
        if (name.Length > WsSecurityLimits.MaxUserNameLength)
            return Fail(WsSecurityFaults.InvalidSecurityToken($"The Username is longer than {WsSecurityLimits.MaxUserNameLength} characters."));
        if (password is null || password.HasElements)
            return Fail(WsSecurityFaults.InvalidSecurityToken("The UsernameToken has no Password."));
        if (password.Value.Length > WsSecurityLimits.MaxPasswordLength)
            return Fail(WsSecurityFaults.InvalidSecurityToken($"The Password is longer than {WsSecurityLimits.MaxPasswordLength} characters."));

        var type = ((string?)password.Attribute("Type"))?.Trim();
        var digest = type == PasswordDigestType;
        if (type is not null && type != PasswordTextType && !digest)
            return Fail(WsSecurityFaults.UnsupportedSecurityToken($"The password type '{type}' is not supported; use PasswordText or PasswordDigest."));

        var nonceBytes = ImmutableArray<byte>.Empty;
        if (nonce is not null)
        {
            var encoding = ((string?)nonce.Attribute("EncodingType"))?.Trim();
            if (encoding is not null && encoding != Base64Binary)
                return Fail(WsSecurityFaults.UnsupportedSecurityToken($"The Nonce encoding '{encoding}' is not supported; use Base64Binary."));
            if (nonce.HasElements || nonce.Value.Length > WsSecurityLimits.MaxNonceBytes * 2)
                return Fail(WsSecurityFaults.InvalidSecurityToken($"The Nonce is longer than {WsSecurityLimits.MaxNonceBytes} bytes."));
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(nonce.Value.Trim());
            }
            catch (FormatException)
            {
                return Fail(WsSecurityFaults.InvalidSecurityToken("The Nonce is not base64."));
            }
            if (decoded.Length is 0 or > WsSecurityLimits.MaxNonceBytes)
                return Fail(WsSecurityFaults.InvalidSecurityToken($"The Nonce must be 1 to {WsSecurityLimits.MaxNonceBytes} bytes."));
            nonceBytes = [.. decoded];
        }

        string? createdText = null;
        var issued = timestampCreated;
        if (created is not null)
        {
            createdText = created.Value;
            if (created.HasElements || ParseTime(createdText) is not { } tokenCreated)
                return Fail(WsSecurityFaults.InvalidSecurityToken("The UsernameToken's Created is not an xs:dateTime in UTC."));
            if (Freshness(tokenCreated, null, now, limits) is { } stale)
                return Fail(stale);
            issued = tokenCreated;
        }

        if (digest)
        {
            if (nonceBytes.IsEmpty || createdText is null)
                return Fail(WsSecurityFaults.InvalidSecurityToken("A PasswordDigest needs a Nonce and a Created in the UsernameToken."));
            if (!IsBase64(password.Value.Trim(), 20))
                return Fail(WsSecurityFaults.InvalidSecurityToken("The PasswordDigest is not a base64 SHA-1 value."));
        }

        return WsSecurityReadResult.Ok(new UsernameToken(name, digest ? password.Value.Trim() : password.Value, digest, nonceBytes, createdText, issued));
    }

    private static (DateTimeOffset? Created, SoapFault? Fault) ReadTimestamp(XElement timestamp, DateTimeOffset now, WsSecurityLimits limits)
    {
        var createds = timestamp.Elements(Created).ToList();
        var expireses = timestamp.Elements(Expires).ToList();
        if (createds.Count != 1 || expireses.Count > 1)
            return (null, WsSecurityFaults.InvalidSecurity("The wsu:Timestamp must have one Created and at most one Expires."));
        if (ParseTime(createds[0].Value) is not { } created)
            return (null, WsSecurityFaults.InvalidSecurity("The wsu:Timestamp's Created is not an xs:dateTime in UTC."));
        DateTimeOffset? expires = null;
        if (expireses.Count == 1)
        {
            if (ParseTime(expireses[0].Value) is not { } parsed)
                return (null, WsSecurityFaults.InvalidSecurity("The wsu:Timestamp's Expires is not an xs:dateTime in UTC."));
            if (parsed < created)
                return (null, WsSecurityFaults.InvalidSecurity("The wsu:Timestamp expires before it was created."));
            expires = parsed;
        }
        return (created, Freshness(created, expires, now, limits));
    }

    /// <summary>Future-dated beyond the skew: invalid. Expired, or older than the maximum age: expired.</summary>
    private static SoapFault? Freshness(DateTimeOffset created, DateTimeOffset? expires, DateTimeOffset now, WsSecurityLimits limits)
    {
        if (created > now + limits.ClockSkew)
            return WsSecurityFaults.InvalidSecurity($"The message was created at {Format(created)}, in the future (now {Format(now)}, allowed skew {limits.ClockSkew}).");
        if (expires is { } until && until + limits.ClockSkew < now)
            return WsSecurityFaults.MessageExpired($"The message expired at {Format(until)} (now {Format(now)}).");
        if (created + limits.MaxMessageAge + limits.ClockSkew < now)
            return WsSecurityFaults.MessageExpired($"The message was created at {Format(created)}, longer ago than the {limits.MaxMessageAge} accepted (now {Format(now)}).");
        return null;
    }

    /// <summary>An xs:dateTime with a time zone (WS-Security says UTC); local times without one are refused.</summary>
    private static DateTimeOffset? ParseTime(string text)
    {
        text = text.Trim();
        if (text.Length is < 20 or > 40 || !(text.EndsWith('Z') || text[^6] is '+' or '-'))
            return null;
        try
        {
            return XmlConvert.ToDateTimeOffset(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsBase64(string text, int bytes)
    {
        Span<byte> buffer = stackalloc byte[64];
        return text.Length <= 88 && Convert.TryFromBase64String(text, buffer, out var written) && written == bytes;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static WsSecurityReadResult Fail(SoapFault fault) => WsSecurityReadResult.Failed(fault);
}
