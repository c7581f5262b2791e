using System.Net;
using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.IntegrationTests.Limits;

/// <summary>
/// An edge that processes one request at a time and queues none: what is turned away gets a precise answer, plain
/// SOAP clients a 503 with Retry-After (WCF: ServerTooBusyException), reliable sessions an unacknowledging 202 that
/// WCF resends; nothing turned away is stored, nothing accepted is lost. The host's Kestrel limits come from
/// <c>Kestrel:Limits</c> configuration.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class OverloadTests(OverloadTests.OneAtATimeHostFixture fixture) : IClassFixture<OverloadTests.OneAtATimeHostFixture>
{
    private const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";
    private const int Items = 12;

    public sealed class OneAtATimeHostFixture(ServersFixture servers) : IAsyncLifetime
    {
        public const int MaxRequestHeadersTotalSize = 8 * 1024;

        public HostProcess Host { get; private set; } = null!;

        public string ConnectionString { get; private set; } = "";

        public async Task InitializeAsync()
        {
            ConnectionString = await servers.CreateDatabaseAsync("overload");
            var options = new HostProcessOptions();
            options.Environment["ConnectionStrings__DuplexBus"] = ConnectionString;
            options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync("overload");
            options.Environment["DuplexBus__Edge__MaxConcurrentRequests"] = "1";
            options.Environment["DuplexBus__Edge__MaxQueuedRequests"] = "0";
            options.Environment["Kestrel__Limits__MaxRequestHeadersTotalSize"] = MaxRequestHeadersTotalSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Host = await HostProcess.StartAsync(options);
        }

        public Task DisposeAsync() => Host.DisposeAsync().AsTask();
    }

    private Uri Service => new(fixture.Host.BaseAddress, "/services/work");

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
        var flood = Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var _ = await http.PostAsync(Service, RawSoap.Content(RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: false, AddItemAction));
            }
        })));

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
    public async Task Reliable_sessions_turned_away_are_resent_by_WCF_and_every_item_arrives_once_in_order()
    {
        var names = new[] { "RM 1.1 Soap12WSAddressing10 ordered", "WSHttpBinding reliable ordered" };
        var instances = names.Select(_ => Guid.NewGuid()).ToArray();
        var busyBefore = BusyAnswers();

        await Task.WhenAll(names.Select((name, i) => Task.Run(() =>
        {
            using var session = new WorkClient(fixture.Host.BaseAddress, RmClientBinding.Find(name).Create());
            for (var index = 1; index <= Items; index++)
                session.Channel.AddItem(instances[i], index, name);
        })));

        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        foreach (var instance in instances)
        {
            var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= Items, "every item applied");
            Assert.Equal(Items, status.ItemCount);
            Assert.True(status.InOrder, status.ToString());
        }
        Assert.True(BusyAnswers() > busyBefore, "no reliable-session message was turned away, so the test proved nothing");
    }

    [Fact]
    public async Task Kestrel_limits_come_from_the_Kestrel_Limits_configuration()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Service)
        {
            Content = RawSoap.Content(RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: false, AddItemAction),
        };
        request.Headers.Add("X-Padding", new string('x', OneAtATimeHostFixture.MaxRequestHeadersTotalSize));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    private int BusyAnswers() => fixture.Host.OutputLines.Count(l => l.Contains("fault ServerTooBusy", StringComparison.Ordinal));

    private async Task<long> CountOutboxAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_message", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
