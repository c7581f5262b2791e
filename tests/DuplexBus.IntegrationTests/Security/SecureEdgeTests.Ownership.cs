using System.Net.Http.Headers;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Reliable;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>
/// A sequence belongs to the endpoint and the authenticated client that created it: another client, or the same
/// client at another endpoint, naming its identifier gets UnknownSequence and changes nothing. What the owner sends
/// carries its identity to the bus.
/// </summary>
public sealed partial class SecureEdgeTests
{
    private const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";

    [Fact]
    public async Task A_sequence_answers_only_the_client_and_endpoint_that_created_it()
    {
        using var alice = Authenticated(SecureHostFixture.User, SecureHostFixture.Password);
        using var bob = Authenticated(SecureHostFixture.OtherUser, SecureHostFixture.OtherPassword);
        var owner = new RawRm(alice, fixture.Basic, RawRm.Rm10);
        var id = await owner.CreateSequenceAsync();
        var instance = Guid.NewGuid();
        Assert.Equal(200, (await owner.SendAsync(AddItemAction, RawRm.SequenceHeader(id, "1"), RawRm.AddItemBody(instance, 1))).Status);
        var before = await fixture.CountStoredAsync();

        var (otherClient, refusedClient) = await new RawRm(bob, fixture.Basic, RawRm.Rm10).SendAsync(AddItemAction, RawRm.SequenceHeader(id, "2"), RawRm.AddItemBody(instance, 2));
        var (otherEndpoint, refusedEndpoint) = await new RawRm(alice, fixture.OtherBasic, RawRm.Rm10).SendAsync(AddItemAction, RawRm.SequenceHeader(id, "2"), RawRm.AddItemBody(instance, 2));
        var (terminate, _) = await new RawRm(bob, fixture.Basic, RawRm.Rm10).SendAsync(RawRm.Rm10 + "/TerminateSequence", "", $"<r:TerminateSequence><r:Identifier>{id}</r:Identifier></r:TerminateSequence>");

        Assert.Equal((500, 500, 500), (otherClient, otherEndpoint, terminate));
        Assert.Equal(XName.Get("UnknownSequence", RawRm.Rm10), RawSoap.FaultCode(refusedClient!));
        Assert.Equal(XName.Get("UnknownSequence", RawRm.Rm10), RawSoap.FaultCode(refusedEndpoint!));
        Assert.Equal(before, await fixture.CountStoredAsync());
        Assert.Equal(0L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT status FROM rm_sequence WHERE id = '{id}'"));
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM outbox_message WHERE body->>'instanceId' = '{instance}' AND client_identity = '{SecureHostFixture.User}'"));
    }

    private HttpClient Authenticated(string user, string password)
    {
        var http = RawHttps();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

}
