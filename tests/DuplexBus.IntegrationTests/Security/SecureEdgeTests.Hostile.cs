using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;
using static DuplexBus.IntegrationTests.Security.WsSecurityEnvelopes;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>
/// Hostile and broken wsse:Security headers, raw, against the UsernameToken endpoint: each gets the exact fault
/// WS-Security names (carrying a wsse:Security timestamp like every response there) and stores nothing.
/// </summary>
public sealed partial class SecureEdgeTests
{
    private const string InvalidSecurity = "wsse:InvalidSecurity";
    private const string InvalidSecurityToken = "wsse:InvalidSecurityToken";
    private const string UnsupportedSecurityToken = "wsse:UnsupportedSecurityToken";
    private const string FailedAuthentication = "wsse:FailedAuthentication";
    private const string MessageExpired = "wsu:MessageExpired";
    private const string MustUnderstand = "soap:MustUnderstand";
    private const string Replayed = "replayed nonce";

    private const string User = SecureHostFixture.User;
    private const string Password = SecureHostFixture.Password;

    private static readonly Dictionary<string, (Func<DateTimeOffset, string> Headers, string Fault)> HostileCases = new()
    {
        ["no Security header"] = (_ => "", InvalidSecurity),
        ["empty Security header"] = (_ => SecurityHeader(""), InvalidSecurity),
        ["Timestamp but no UsernameToken"] = (now => SecurityHeader(Timestamp(now)), InvalidSecurity),
        ["UsernameToken but no Timestamp"] = (_ => SecurityHeader(Token(User, Password)), InvalidSecurity),
        ["two Security headers"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password)) + SecurityHeader(Timestamp(now) + Token(User, Password)), InvalidSecurity),
        ["two UsernameTokens"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password) + Token(User, Password)), InvalidSecurity),
        ["two Timestamps"] = (now => SecurityHeader(Timestamp(now) + Timestamp(now) + Token(User, Password)), InvalidSecurity),
        ["Timestamp without Created"] = (now => SecurityHeader($"<u:Timestamp><u:Expires>{Time(now.AddMinutes(5))}</u:Expires></u:Timestamp>" + Token(User, Password)), InvalidSecurity),
        ["Timestamp Created not a date"] = (_ => SecurityHeader("<u:Timestamp><u:Created>yesterday at noon</u:Created></u:Timestamp>" + Token(User, Password)), InvalidSecurity),
        ["Timestamp Created without a time zone"] = (now => SecurityHeader($"<u:Timestamp><u:Created>{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss}</u:Created></u:Timestamp>" + Token(User, Password)), InvalidSecurity),
        ["Timestamp expires before it was created"] = (now => SecurityHeader(Timestamp(now, now.AddMinutes(-1)) + Token(User, Password)), InvalidSecurity),
        ["expired Timestamp"] = (now => SecurityHeader(Timestamp(now.AddMinutes(-20), now.AddMinutes(-15)) + Token(User, Password)), MessageExpired),
        ["stale Timestamp without Expires"] = (now => SecurityHeader(Timestamp(now.AddMinutes(-30), null) + Token(User, Password)), MessageExpired),
        ["future-dated Timestamp"] = (now => SecurityHeader(Timestamp(now.AddHours(1)) + Token(User, Password)), InvalidSecurity),
        ["UsernameToken without Username"] = (now => SecurityHeader(Timestamp(now) + $"<o:UsernameToken><o:Password>{Password}</o:Password></o:UsernameToken>"), InvalidSecurityToken),
        ["empty Username"] = (now => SecurityHeader(Timestamp(now) + Token(" ", Password)), InvalidSecurityToken),
        ["UsernameToken without Password"] = (now => SecurityHeader(Timestamp(now) + $"<o:UsernameToken><o:Username>{User}</o:Username></o:UsernameToken>"), InvalidSecurityToken),
        ["two Passwords"] = (now => SecurityHeader(Timestamp(now) + $"<o:UsernameToken><o:Username>{User}</o:Username><o:Password>{Password}</o:Password><o:Password>{Password}</o:Password></o:UsernameToken>"), InvalidSecurityToken),
        ["unknown password type"] = (now => SecurityHeader(Timestamp(now) + $"<o:UsernameToken><o:Username>{User}</o:Username><o:Password Type=\"urn:example:PasswordRot13\">{Password}</o:Password></o:UsernameToken>"), UnsupportedSecurityToken),
        ["oversized Username"] = (now => SecurityHeader(Timestamp(now) + Token(new string('u', 300), Password)), InvalidSecurityToken),
        ["oversized Password"] = (now => SecurityHeader(Timestamp(now) + Token(User, new string('p', 2000))), InvalidSecurityToken),
        ["oversized Nonce"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password, $"<o:Nonce>{Convert.ToBase64String(new byte[300])}</o:Nonce>")), InvalidSecurityToken),
        ["Nonce not base64"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password, "<o:Nonce>not*base64!</o:Nonce>")), InvalidSecurityToken),
        ["Nonce in an unsupported encoding"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password, "<o:Nonce EncodingType=\"urn:example:hex\">00ff</o:Nonce>")), UnsupportedSecurityToken),
        ["UsernameToken Created malformed"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password, "<u:Created>tomorrow</u:Created>")), InvalidSecurityToken),
        ["UsernameToken Created stale"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password, $"<u:Created>{Time(now.AddHours(-1))}</u:Created>")), MessageExpired),
        ["derived-key Salt"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password, "<wsse11:Salt xmlns:wsse11=\"http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd\">AAAA</wsse11:Salt>")), UnsupportedSecurityToken),
        ["digest without Nonce"] = (now => SecurityHeader(Timestamp(now) + $"<o:UsernameToken><o:Username>dora</o:Username><o:Password Type=\"{PasswordDigestType}\">{Convert.ToBase64String(new byte[20])}</o:Password><u:Created>{Time(now)}</u:Created></o:UsernameToken>"), InvalidSecurityToken),
        ["digest without Created"] = (now => SecurityHeader(Timestamp(now) + $"<o:UsernameToken><o:Username>dora</o:Username><o:Password Type=\"{PasswordDigestType}\">{Convert.ToBase64String(new byte[20])}</o:Password><o:Nonce>{Convert.ToBase64String(new byte[16])}</o:Nonce></o:UsernameToken>"), InvalidSecurityToken),
        ["digest not a SHA-1 value"] = (now => SecurityHeader(Timestamp(now) + $"<o:UsernameToken><o:Username>dora</o:Username><o:Password Type=\"{PasswordDigestType}\">abc</o:Password><o:Nonce>{Convert.ToBase64String(new byte[16])}</o:Nonce><u:Created>{Time(now)}</u:Created></o:UsernameToken>"), InvalidSecurityToken),
        ["digest with a wrong secret"] = (now => SecurityHeader(Timestamp(now) + DigestToken(SecureHostFixture.DigestUser, "not-the-secret", now)), FailedAuthentication),
        ["digest of a user without a clear secret"] = (now => SecurityHeader(Timestamp(now) + DigestToken(User, Password, now)), FailedAuthentication),
        ["wrong password"] = (now => SecurityHeader(Timestamp(now) + Token(User, "not-the-password")), FailedAuthentication),
        ["unknown user"] = (now => SecurityHeader(Timestamp(now) + Token("mallory", Password)), FailedAuthentication),
        [Replayed] = (now => SecurityHeader(Timestamp(now) + DigestToken(SecureHostFixture.DigestUser, SecureHostFixture.DigestPassword, now)), FailedAuthentication),
        ["BinarySecurityToken"] = (now => SecurityHeader(Timestamp(now) + $"<o:BinarySecurityToken ValueType=\"x509\">{Convert.ToBase64String(new byte[32])}</o:BinarySecurityToken>"), UnsupportedSecurityToken),
        ["SAML assertion"] = (now => SecurityHeader(Timestamp(now) + "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"/>"), UnsupportedSecurityToken),
        ["XML signature"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password) + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>"), InvalidSecurity),
        ["Timestamp in the wsse namespace"] = (now => SecurityHeader(Timestamp(now).Replace("u:Timestamp", "o:Timestamp", StringComparison.Ordinal) + Token(User, Password)), UnsupportedSecurityToken),
        ["UsernameToken in a foreign namespace"] = (now => SecurityHeader(Timestamp(now) + $"<x:UsernameToken xmlns:x=\"urn:example:wsse\"><x:Username>{User}</x:Username></x:UsernameToken>"), InvalidSecurity),
        ["Security of the 2002 draft, mustUnderstand"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password), ns: "http://schemas.xmlsoap.org/ws/2002/07/secext"), MustUnderstand),
        ["Security in a foreign namespace, optional"] = (now => SecurityHeader(Timestamp(now) + Token(User, Password), ns: "urn:example:security", mustUnderstand: false), InvalidSecurity),
    };

    public static TheoryData<string, bool> Hostile
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var name in HostileCases.Keys)
            {
                data.Add(name, false);
                data.Add(name, true);
            }
            return data;
        }
    }

    [Theory, MemberData(nameof(Hostile))]
    public async Task Hostile_WS_Security_header_gets_its_named_fault_and_stores_nothing(string name, bool soap12)
    {
        var (headers, fault) = HostileCases[name];
        var envelope = AddItem(soap12, headers(DateTimeOffset.UtcNow));
        using var http = RawHttps();
        if (name == Replayed)
        {
            using var first = await http.PostAsync(fixture.Token, Content(envelope, soap12));
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }
        var before = await fixture.CountStoredAsync();

        using var response = await http.PostAsync(fixture.Token, Content(envelope, soap12));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var answer = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(soap12 ? RawSoap.Soap12 : RawSoap.Soap11, answer.Name.Namespace);
        Assert.Equal(Expected(fault, soap12), RawSoap.FaultCode(answer));
        Assert.NotNull(ResponseTimestamp(answer));
        Assert.Equal(before, await fixture.CountStoredAsync());
    }

    [Theory]
    [InlineData("PasswordText", false)]
    [InlineData("PasswordText", true)]
    [InlineData("PasswordDigest", false)]
    [InlineData("PasswordDigest", true)]
    public async Task Well_formed_UsernameToken_is_accepted_and_stored(string kind, bool soap12)
    {
        var now = DateTimeOffset.UtcNow;
        var token = kind == "PasswordText"
            ? Token(User, Password, $"<o:Nonce>{Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}</o:Nonce>")
            : DigestToken(SecureHostFixture.DigestUser, SecureHostFixture.DigestPassword, now);
        var before = await fixture.CountStoredAsync();
        using var http = RawHttps();

        using var response = await http.PostAsync(fixture.Token, Content(AddItem(soap12, SecurityHeader(Timestamp(now) + token)), soap12));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(before.Outbox + 1, (await fixture.CountStoredAsync()).Outbox);
    }

    private static XName Expected(string fault, bool soap12)
    {
        var (prefix, local) = (fault.Split(':')[0], fault.Split(':')[1]);
        return prefix switch
        {
            "wsse" => XName.Get(local, Wsse),
            "wsu" => XName.Get(local, Wsu),
            _ => (soap12 ? RawSoap.Soap12 : RawSoap.Soap11) + local,
        };
    }
}
