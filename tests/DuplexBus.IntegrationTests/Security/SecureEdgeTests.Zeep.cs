using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;
using static DuplexBus.IntegrationTests.Security.ZeepClient;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>zeep, an independent WS-Security client: PasswordText and PasswordDigest work; replays and stale or wrong digests do not.</summary>
public sealed partial class SecureEdgeTests
{
    [Fact]
    public async Task Zeep_PasswordText_and_PasswordDigest_apply_AddItem_and_replays_are_refused()
    {
        var instance = Guid.NewGuid();
        var nonce = Guid.NewGuid().ToString("N")[..16];
        var before = await fixture.CountStoredAsync();

        var results = await RunAsync(fixture.Token, fixture.Certificates.CaPemPath,
            new ZeepStep("AddItem", instance, 1, SecureHostFixture.User, SecureHostFixture.Password),
            new ZeepStep("AddItem", instance, 2, SecureHostFixture.DigestUser, SecureHostFixture.DigestPassword, Digest: true, Nonce: nonce),
            new ZeepStep("AddItem", instance, 3, SecureHostFixture.DigestUser, SecureHostFixture.DigestPassword, Digest: true, Nonce: nonce),
            new ZeepStep("AddItem", instance, 4, SecureHostFixture.DigestUser, "not-the-secret", Digest: true),
            new ZeepStep("AddItem", instance, 5, SecureHostFixture.DigestUser, SecureHostFixture.DigestPassword, Digest: true, AgeSeconds: 3600),
            new ZeepStep("GetStatus", instance, 0, SecureHostFixture.User, SecureHostFixture.Password));

        Assert.Equal(202, results[0].Status);
        Assert.Equal(202, results[1].Status);
        AssertFault(results[2], XName.Get("FailedAuthentication", WsSecurityEnvelopes.Wsse), "used before");
        AssertFault(results[3], XName.Get("FailedAuthentication", WsSecurityEnvelopes.Wsse), "could not be authenticated");
        AssertFault(results[4], XName.Get("MessageExpired", WsSecurityEnvelopes.Wsu), "expired");
        Assert.Equal(200, results[5].Status);
        Assert.NotNull(WsSecurityEnvelopes.ResponseTimestamp(XElement.Parse(results[5].Body)));
        Assert.Equal(before.Outbox + 2, (await fixture.CountStoredAsync()).Outbox);

        using var client = new SecureWorkClient(fixture.Token, SecureBinding.BasicUserName, fixture.Certificates, SecureHostFixture.User, SecureHostFixture.Password);
        var status = await client.StatusWhenAsync(instance, s => s.ItemCount >= 2, "zeep's two accepted items applied");
        Assert.Equal(2, status.ItemCount);
        Assert.Equal(2, status.LastIndex);
    }

    private static void AssertFault(ZeepResult result, XName code, string reason)
    {
        Assert.Equal(500, result.Status);
        var envelope = XElement.Parse(result.Body);
        Assert.Equal(code, RawSoap.FaultCode(envelope));
        Assert.Contains(reason, RawSoap.FaultReason(envelope), StringComparison.Ordinal);
        Assert.NotNull(WsSecurityEnvelopes.ResponseTimestamp(envelope));
    }
}
