using System.Xml.Linq;
using DuplexBus.IntegrationTests.Reliable;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>A message parked because it cannot be applied is kept without the credentials it came with.</summary>
public sealed partial class SecureEdgeTests
{
    [Fact]
    public async Task A_parked_message_keeps_no_credentials()
    {
        using var http = RawHttps();
        var rm = new RawRm(http, fixture.Token, RawRm.Rm11);
        string Security() => WsSecurityEnvelopes.SecurityHeader(WsSecurityEnvelopes.Timestamp(DateTimeOffset.UtcNow) + WsSecurityEnvelopes.Token(SecureHostFixture.User, SecureHostFixture.Password));

        var (created, response) = await rm.SendAsync(RawRm.Rm11 + "/CreateSequence", Security(),
            "<r:CreateSequence><r:AcksTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></r:AcksTo></r:CreateSequence>", $"urn:uuid:{Guid.NewGuid()}");
        Assert.Equal(200, created);
        var id = response!.Descendants(XName.Get("Identifier", RawRm.Rm11)).First().Value;
        var instance = Guid.NewGuid();

        var (status, _) = await rm.SendAsync(AddItemAction, RawRm.SequenceHeader(id, "1") + Security(),
            $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId><index>not a number</index><value>v</value></AddItem>");

        Assert.Equal(200, status);
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM parked_message WHERE body LIKE '%{instance}%'"));
        Assert.Equal(0L, await Sql.ScalarAsync(fixture.ConnectionString,
            $"SELECT count(*) FROM parked_message WHERE body LIKE '%{instance}%' AND (body LIKE '%{SecureHostFixture.Password}%' OR body LIKE '%UsernameToken%')"));
    }
}
