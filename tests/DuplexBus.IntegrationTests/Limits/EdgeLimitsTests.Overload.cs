using System.Net;
using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.IntegrationTests.Limits;

/// <summary>
/// An edge that processes two requests at a time and queues no plain SOAP: what is turned away gets a precise answer,
/// a 503 with Retry-After (WCF: ServerTooBusyException), and is not stored; reliable-session messages wait for their
/// turn, so WCF sessions come through a flood whole. The host's Kestrel limits come from
/// <c>Kestrel:Limits</c> configuration.
/// </summary>
public sealed partial class EdgeLimitsTests
{
    private const int Items = 12;

    [Fact]
    public async Task Plain_SOAP_beyond_the_bound_gets_503_with_Retry_After_and_a_fault_and_is_not_stored()
    {
        using var http = new HttpClient();
        var before = await CountOutboxAsync();
        var accepted = 0;
        HttpResponseMessage? busy = null;
        for (var burst = 0; burst < 20 && busy is null; burst++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => http.PostAsync(
                Service, RawSoap.Content(RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: false, AddItemAction))));
            accepted += responses.Count(r => r.StatusCode == HttpStatusCode.Accepted);
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable }));
            busy = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        }

        Assert.NotNull(busy);
        Assert.Equal("1", busy.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var envelope = XElement.Parse(await busy.Content.ReadAsStringAsync());
        Assert.Equal("ServerTooBusy", RawSoap.FaultCode(envelope).LocalName);
        Assert.Contains("nothing was stored", RawSoap.FaultReason(envelope), StringComparison.Ordinal);
        Assert.Equal(before + accepted, await CountOutboxAsync());
    }

    [Fact]
    public async Task A_WCF_client_turned_away_gets_ServerTooBusyException()
    {
        using var http = new HttpClient();
        using var stop = new CancellationTokenSource();
        var flood = FloodAsync(http, stop.Token);

        var exceptions = new List<Exception>();
        using (var client = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic))
        {
            for (var call = 0; call < 200 && exceptions.Count == 0; call++)
            {
                try
                {
                    await Task.Run(() => client.Channel.AddItem(Guid.NewGuid(), 1, "v"));
                }
                catch (CommunicationException e)
                {
                    exceptions.Add(e);
                }
            }
        }
        await stop.CancelAsync();
        await flood;

        Assert.IsType<ServerTooBusyException>(Assert.Single(exceptions));
    }

    [Fact]
    public async Task Reliable_sessions_keep_their_turn_through_a_flood_that_is_turned_away_and_every_item_arrives_once_in_order()
    {
        var names = new[] { "RM 1.1 Soap12WSAddressing10 ordered", "WSHttpBinding reliable ordered" };
        var instances = names.Select(_ => Guid.NewGuid()).ToArray();
        using var http = new HttpClient();
        using var stop = new CancellationTokenSource();
        var flood = FloodAsync(http, stop.Token);

        await Task.WhenAll(names.Select((name, i) => Task.Run(() =>
        {
            using var session = new WorkClient(fixture.Host.BaseAddress, RmClientBinding.Find(name).Create());
            for (var index = 1; index <= Items; index++)
                session.Channel.AddItem(instances[i], index, name);
        })));
        await stop.CancelAsync();
        var floodTurnedAway = await flood;

        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        foreach (var instance in instances)
        {
            var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= Items, "every item applied");
            Assert.Equal(Items, status.ItemCount);
            Assert.True(status.InOrder, status.ToString());
        }
        Assert.True(floodTurnedAway > 0, "the flood was never turned away, so the edge was not full and the test proved nothing");
    }

    [Fact]
    public async Task Kestrel_limits_come_from_the_Kestrel_Limits_configuration()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Service)
        {
            Content = RawSoap.Content(RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: false, AddItemAction),
        };
        request.Headers.Add("X-Padding", new string('x', LimitedHostFixture.MaxRequestHeadersTotalSize));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    /// <summary>Plain AddItem from several clients at once until stopped, so the edge's two turns are taken; how many got 503.</summary>
    private async Task<int> FloodAsync(HttpClient http, CancellationToken stop)
    {
        var turnedAway = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var busy = 0;
            while (!stop.IsCancellationRequested)
            {
                using var response = await http.PostAsync(Service, RawSoap.Content(RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: false, AddItemAction));
                busy += response.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
            }
            return busy;
        })));
        return turnedAway.Sum();
    }

    private async Task<long> CountOutboxAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_message", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
