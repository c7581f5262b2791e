using System.Xml.Linq;
using DuplexBus.IntegrationTests.Reliable;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A retransmission is recognised as a duplicate before its body is judged again: a resent StartWork whose callback
/// address is refused now (its host moved outside the allow-list, say) is acknowledged like the original, and
/// nothing more is stored.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class ResentCallbackAddressTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    [Fact]
    public async Task A_resent_message_whose_callback_address_is_now_refused_is_acknowledged_as_a_duplicate()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, new Uri(fixture.Host.BaseAddress, "/services/work"), RawRm.Rm11);
        var id = await rm.CreateSequenceAsync();
        var instance = Guid.NewGuid();
        var body = CallbackSoap.StartWork(instance, 1).ToString(SaveOptions.DisableFormatting);
        string ReplyTo(string address) => $"<a:ReplyTo><a:Address>{address}</a:Address></a:ReplyTo>";

        var (first, _) = await rm.SendAsync(CallbackSoap.StartWorkAction, RawRm.SequenceHeader(id, "1") + ReplyTo("http://127.0.0.1:9/cb"), body, $"urn:uuid:{Guid.NewGuid()}");
        var outbox = await Sql.ScalarAsync(fixture.ConnectionString, "SELECT count(*) FROM outbox_message");

        var (resent, ack) = await rm.SendAsync(CallbackSoap.StartWorkAction, RawRm.SequenceHeader(id, "1") + ReplyTo("http://10.0.0.5/cb"), body, $"urn:uuid:{Guid.NewGuid()}");

        Assert.Equal(200, first);
        Assert.Equal(200, resent);
        Assert.Equal("1", (string?)ack!.Descendants(XName.Get("AcknowledgementRange", RawRm.Rm11)).Single().Attribute("Upper"));
        Assert.Equal(outbox, await Sql.ScalarAsync(fixture.ConnectionString, "SELECT count(*) FROM outbox_message"));
        Assert.Equal(0L, await Sql.ScalarAsync(fixture.ConnectionString, "SELECT count(*) FROM parked_message"));
    }

    [Fact]
    public async Task A_message_parked_for_a_refused_callback_address_is_replayed_once_the_allow_list_admits_it()
    {
        using var http = new HttpClient();
        var rm = new RawRm(http, new Uri(fixture.Host.BaseAddress, "/services/work"), RawRm.Rm11);
        var id = await rm.CreateSequenceAsync();
        var instance = Guid.NewGuid();
        var body = CallbackSoap.StartWork(instance, 1).ToString(SaveOptions.DisableFormatting);

        var (status, _) = await rm.SendAsync(CallbackSoap.StartWorkAction, RawRm.SequenceHeader(id, "1") + "<a:ReplyTo><a:Address>http://10.0.0.7/cb</a:Address></a:ReplyTo>", body, $"urn:uuid:{Guid.NewGuid()}");
        Assert.Equal(200, status);
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM parked_message WHERE body LIKE '%{instance}%'"));

        // Still refused: it stays parked and says why.
        var refused = await fixture.ParkedCommandAsync(new Dictionary<string, string>(), "replay", "--source", "edge:/services/work");
        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Contains("Still refused", refused.Output, StringComparison.Ordinal);
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM parked_message WHERE body LIKE '%{instance}%'"));

        // The operator admits the host and its network: the replay translates it as if it arrived now.
        var replayed = await fixture.ParkedCommandAsync(new Dictionary<string, string>
        {
            ["DuplexBus__Callbacks__AllowedHosts__9"] = "10.0.0.7",
            ["DuplexBus__Callbacks__AllowedNetworks__9"] = "10.0.0.0/8",
        }, "replay", "--source", "edge:/services/work");
        Assert.True(replayed.ExitCode == 0, replayed.Output);
        Assert.Equal(0L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM parked_message WHERE body LIKE '%{instance}%'"));
        // Only the StartWork itself: once relayed, the saga's own DoWork for the instance joins it in the outbox.
        Assert.Equal(1L, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM outbox_message WHERE message_type LIKE '%StartWork%' AND body->>'instanceId' = '{instance}'"));
    }

}
