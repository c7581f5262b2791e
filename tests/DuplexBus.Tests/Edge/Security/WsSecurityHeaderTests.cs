using System.Security.Cryptography;
using DuplexBus.Edge.Security;
using DuplexBus.Protocol.Soap;
using DuplexBus.Tests.Edge.Soap;

namespace DuplexBus.Tests.Edge.Security;

[Trait("Spec", "WS-Security 1.0/1.1, UsernameToken Profile 1.0/1.1")]
public sealed class WsSecurityHeaderTests
{
    private const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private const string Digest = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    private const string Text = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    private const string Now = "2026-06-01T12:00:00.000Z";
    private const string NonceB64 = "AAECAwQFBgcICQoLDA0ODw==";
    private static readonly DateTimeOffset Clock = DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture);

    private static string Ts(string created = Now, string? expires = "2026-06-01T12:05:00.000Z") =>
        $"<u:Timestamp><u:Created>{created}</u:Created>{(expires is null ? "" : $"<u:Expires>{expires}</u:Expires>")}</u:Timestamp>";

    private static string Tok(string inner) => $"<o:UsernameToken>{inner}</o:UsernameToken>";

    private static string Sec(string inner) => $"<o:Security xmlns:o=\"{Wsse}\" xmlns:u=\"{Wsu}\" s:mustUnderstand=\"1\">{inner}</o:Security>";

    private static readonly string GoodDigest = PasswordDigest.Compute(Convert.FromBase64String(NonceB64), Now, "secret");

    public static TheoryData<string, string, string> Headers => new()
    {
        { "PasswordText with Timestamp", Sec(Ts() + Tok("<o:Username>alice</o:Username><o:Password>pw</o:Password>")), "alice text" },
        { "explicit PasswordText type", Sec(Ts() + Tok($"<o:Username> alice </o:Username><o:Password Type=\"{Text}\">pw</o:Password>")), "alice text" },
        { "PasswordText with nonce", Sec(Ts() + Tok($"<o:Username>alice</o:Username><o:Password>pw</o:Password><o:Nonce>{NonceB64}</o:Nonce>")), "alice text nonce" },
        { "PasswordDigest", Sec(Ts() + Tok($"<o:Username>dora</o:Username><o:Password Type=\"{Digest}\">{GoodDigest}</o:Password><o:Nonce>{NonceB64}</o:Nonce><u:Created>{Now}</u:Created>")), "dora digest nonce" },
        { "Timestamp after the token", Sec(Tok("<o:Username>alice</o:Username><o:Password>pw</o:Password>") + Ts()), "alice text" },
        { "clock skew within allowance", Sec(Ts("2026-06-01T12:04:00Z") + Tok("<o:Username>alice</o:Username><o:Password>pw</o:Password>")), "alice text" },
        { "offset time zone", Sec(Ts("2026-06-01T14:00:00+02:00", null) + Tok("<o:Username>alice</o:Username><o:Password>pw</o:Password>")), "alice text" },
        { "no Security", "", "wsse:InvalidSecurity" },
        { "two Security", Sec(Ts()) + Sec(Ts()), "wsse:InvalidSecurity" },
        { "no Timestamp", Sec(Tok("<o:Username>alice</o:Username><o:Password>pw</o:Password>")), "wsse:InvalidSecurity" },
        { "no token", Sec(Ts()), "wsse:InvalidSecurity" },
        { "expired", Sec(Ts("2026-06-01T11:40:00Z", "2026-06-01T11:50:00Z") + Tok("<o:Username>a</o:Username><o:Password>p</o:Password>")), "wsu:MessageExpired" },
        { "stale", Sec(Ts("2026-06-01T11:40:00Z", null) + Tok("<o:Username>a</o:Username><o:Password>p</o:Password>")), "wsu:MessageExpired" },
        { "future", Sec(Ts("2026-06-01T12:06:00Z") + Tok("<o:Username>a</o:Username><o:Password>p</o:Password>")), "wsse:InvalidSecurity" },
        { "Expires before Created", Sec(Ts(Now, "2026-06-01T11:59:00Z") + Tok("<o:Username>a</o:Username><o:Password>p</o:Password>")), "wsse:InvalidSecurity" },
        { "local time", Sec(Ts("2026-06-01T12:00:00", null) + Tok("<o:Username>a</o:Username><o:Password>p</o:Password>")), "wsse:InvalidSecurity" },
        { "no Username", Sec(Ts() + Tok("<o:Password>p</o:Password>")), "wsse:InvalidSecurityToken" },
        { "no Password", Sec(Ts() + Tok("<o:Username>a</o:Username>")), "wsse:InvalidSecurityToken" },
        { "Username with elements", Sec(Ts() + Tok("<o:Username><x/>a</o:Username><o:Password>p</o:Password>")), "wsse:InvalidSecurityToken" },
        { "unknown password type", Sec(Ts() + Tok("<o:Username>a</o:Username><o:Password Type=\"urn:x\">p</o:Password>")), "wsse:UnsupportedSecurityToken" },
        { "Username too long", Sec(Ts() + Tok($"<o:Username>{new string('a', 257)}</o:Username><o:Password>p</o:Password>")), "wsse:InvalidSecurityToken" },
        { "Username at the limit", Sec(Ts() + Tok($"<o:Username>{new string('a', 256)}</o:Username><o:Password>p</o:Password>")), new string('a', 256) + " text" },
        { "Password too long", Sec(Ts() + Tok($"<o:Username>a</o:Username><o:Password>{new string('p', 1025)}</o:Password>")), "wsse:InvalidSecurityToken" },
        { "empty Nonce", Sec(Ts() + Tok("<o:Username>a</o:Username><o:Password>p</o:Password><o:Nonce></o:Nonce>")), "wsse:InvalidSecurityToken" },
        { "Nonce too long", Sec(Ts() + Tok($"<o:Username>a</o:Username><o:Password>p</o:Password><o:Nonce>{Convert.ToBase64String(new byte[129])}</o:Nonce>")), "wsse:InvalidSecurityToken" },
        { "Nonce hex encoding", Sec(Ts() + Tok("<o:Username>a</o:Username><o:Password>p</o:Password><o:Nonce EncodingType=\"urn:hex\">00</o:Nonce>")), "wsse:UnsupportedSecurityToken" },
        { "digest without Nonce", Sec(Ts() + Tok($"<o:Username>a</o:Username><o:Password Type=\"{Digest}\">{GoodDigest}</o:Password><u:Created>{Now}</u:Created>")), "wsse:InvalidSecurityToken" },
        { "digest without Created", Sec(Ts() + Tok($"<o:Username>a</o:Username><o:Password Type=\"{Digest}\">{GoodDigest}</o:Password><o:Nonce>{NonceB64}</o:Nonce>")), "wsse:InvalidSecurityToken" },
        { "digest of 16 bytes", Sec(Ts() + Tok($"<o:Username>a</o:Username><o:Password Type=\"{Digest}\">{NonceB64}</o:Password><o:Nonce>{NonceB64}</o:Nonce><u:Created>{Now}</u:Created>")), "wsse:InvalidSecurityToken" },
        { "token Created stale", Sec(Ts() + Tok($"<o:Username>a</o:Username><o:Password>p</o:Password><u:Created>2026-06-01T10:00:00Z</u:Created>")), "wsu:MessageExpired" },
        { "two Usernames", Sec(Ts() + Tok("<o:Username>a</o:Username><o:Username>b</o:Username><o:Password>p</o:Password>")), "wsse:InvalidSecurityToken" },
        { "foreign element in token", Sec(Ts() + Tok("<o:Username>a</o:Username><o:Password>p</o:Password><x:Extra xmlns:x=\"urn:x\"/>")), "wsse:InvalidSecurityToken" },
        { "BinarySecurityToken", Sec(Ts() + "<o:BinarySecurityToken>AAAA</o:BinarySecurityToken>"), "wsse:UnsupportedSecurityToken" },
        { "signature", Sec(Ts() + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>"), "wsse:InvalidSecurity" },
    };

    [Theory, MemberData(nameof(Headers))]
    public void Security_header_reads_as(string _, string header, string expected)
    {
        var envelope = Envelopes.Read(Envelopes.Addressed(Envelopes.Soap12, Envelopes.Wsa10, "urn:a", extraHeaders: header), options: Understanding());
        Assert.True(envelope.IsEnvelope, envelope.Fault?.ToString());

        var result = WsSecurityHeader.Read(envelope.Envelope.Headers, Clock, WsSecurityLimits.Default);

        Assert.Equal(expected, Describe(result));
    }

    [Fact]
    public void Security_header_is_MustUnderstand_where_the_endpoint_takes_no_token()
    {
        var header = Sec(Ts() + Tok("<o:Username>a</o:Username><o:Password>p</o:Password>"));

        var refused = Envelopes.Read(Envelopes.Addressed(Envelopes.Soap12, Envelopes.Wsa10, "urn:a", extraHeaders: header));
        var understood = Envelopes.Read(Envelopes.Addressed(Envelopes.Soap12, Envelopes.Wsa10, "urn:a", extraHeaders: header), options: Understanding());

        Assert.Equal(FaultCode.MustUnderstand, refused.Fault!.Code);
        Assert.True(understood.IsEnvelope);
    }

    [Fact]
    public void Digest_matches_only_its_secret_nonce_and_created()
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        var token = new UsernameToken("dora", PasswordDigest.Compute(nonce, Now, "secret"), IsDigest: true, [.. nonce], Now, Clock);

        Assert.True(PasswordDigest.Matches(token, "secret"));
        Assert.False(PasswordDigest.Matches(token, "Secret"));
        Assert.False(PasswordDigest.Matches(token with { CreatedText = "2026-06-01T12:00:00Z" }, "secret"));
        Assert.False(PasswordDigest.Matches(token with { Nonce = [.. RandomNumberGenerator.GetBytes(16)] }, "secret"));
        Assert.False(PasswordDigest.Matches(token with { IsDigest = false }, "secret"));
    }

    [Fact]
    public void Digest_is_base64_of_SHA1_over_nonce_created_and_password()
    {
        // Computed with Python: base64.b64encode(hashlib.sha1(bytes(range(16)) + b"2026-06-01T12:00:00.000Zsecret").digest())
        const string expected = "z7dTWv6IJtdRbv7IZ22TxwwXvYg=";

        Assert.Equal(expected, PasswordDigest.Compute(Convert.FromBase64String(NonceB64), Now, "secret"));
    }

    private static SoapReadOptions Understanding() =>
        new() { UnderstoodHeaders = new HashSet<System.Xml.Linq.XName> { WsSecurityNames.SecurityHeader } };

    private static string Describe(WsSecurityReadResult result)
    {
        if (!result.IsToken)
        {
            var code = result.Fault.Subcodes[^1];
            return (code.NamespaceName == Wsu ? "wsu:" : "wsse:") + code.LocalName;
        }
        var token = result.Token;
        return $"{token.UserName} {(token.IsDigest ? "digest" : "text")}{(token.HasNonce ? " nonce" : "")}";
    }
}
