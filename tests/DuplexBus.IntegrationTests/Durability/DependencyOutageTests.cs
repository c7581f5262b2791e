using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Durability;

/// <summary>
/// An answered message takes effect exactly once and in order through ordinary outages of the database and the
/// broker: transient failures are waited out in place, never sent to an error queue; the edge accepts while the
/// broker is away, from the first second of a start.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class DependencyOutageTests(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    private const int Instances = 4;
    private const int Items = 150;

    [Fact]
    public async Task Saga_messages_consumed_while_PostgreSQL_is_down_wait_in_place_and_are_applied_once_in_order()
    {
        var postgres = fixture.Servers.Postgres;
        Assert.True(postgres.CanControl, "this test stops PostgreSQL, so it needs a server it controls");
        var instances = Enumerable.Range(0, Instances).Select(_ => Guid.NewGuid()).ToArray();

        using var clients = new Clients(fixture.Host.BaseAddress, Instances);
        // The saga table is locked while the items are accepted, so the relay runs ahead of the saga however fast
        // each side happens to be on this machine: the saga queue holds a backlog, consumed while the database is
        // stopped (stopping it ends the lock with every other connection).
        var blocker = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await blocker.OpenAsync();
        var lockTransaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new Npgsql.NpgsqlCommand("LOCK TABLE work_state IN ACCESS EXCLUSIVE MODE", blocker, lockTransaction))
            await lockTable.ExecuteNonQueryAsync();
        await Task.WhenAll(instances.Select((instance, i) => clients[i].AddItemsAsync(instance, 1, Items, TimeSpan.FromMinutes(2))));
        await Eventually.Until(() => fixture.SagaQueueDepthAsync(), depth => depth >= 10L, TimeSpan.FromSeconds(60), "a backlog on the saga queue");
        await postgres.StopAsync();
        try
        {
            await blocker.DisposeAsync();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == "57P01")
        {
            // Its session ended with the server, as intended: the lock is gone.
        }
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(8)); // the outage itself
        }
        finally
        {
            await postgres.StartAsync();
        }

        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        foreach (var instance in instances)
            await reader.StatusWhenAsync(instance, s => s.ItemCount >= Items, $"every item of {instance} applied", TimeSpan.FromSeconds(90));
        await fixture.WaitQuietAsync();
        foreach (var instance in instances)
        {
            var status = reader.Channel.GetStatus(instance);
            Assert.Equal(Items, status.ItemCount);
            Assert.Equal(Items, status.LastIndex);
            Assert.True(status.InOrder, status.ToString());
        }
        Assert.Equal(0L, await fixture.SagaQueueDepthAsync("_error"));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM parked_message"));
    }

    [Fact]
    public async Task A_host_started_while_the_broker_is_down_accepts_at_once_and_delivers_when_the_broker_returns()
    {
        var rabbit = fixture.Servers.RabbitMq;
        Assert.True(rabbit.CanControl, "this test stops the broker, so it needs a server it controls");
        var instance = Guid.NewGuid();
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        await fixture.Host.StopAsync();
        await rabbit.StopAsync();
        try
        {
            // Ready, and accepting, while the broker stays down: an edge that waited for the bus would be neither. The
            // bound runs from readiness, not from the launch, which a loaded machine alone can stretch past it.
            await fixture.Host.RestartAsync(); // returns once /health/ready answers 200
            var readyAt = DateTime.UtcNow;
            using var client = new ResendingClient(fixture.Host.BaseAddress);
            await client.AddItemsAsync(instance, 1, 5, TimeSpan.FromSeconds(20));
            Assert.True(DateTime.UtcNow - readyAt < TimeSpan.FromSeconds(20), "the edge accepted within seconds of being ready, without the broker");
            Assert.Equal(0, client.Refusals);

            var ready = await HealthAsync(http, "health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.Status);
            Assert.Equal("Healthy", ready.Check("database"));
            Assert.NotEqual("Healthy", ready.Check("masstransit-bus"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthAsync(http, "health/bus")).Status);
        }
        finally
        {
            await rabbit.StartAsync();
        }

        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 5, "items accepted without the broker applied once it returned", TimeSpan.FromSeconds(90));
        Assert.True(status.InOrder, status.ToString());
        await Eventually.Until(() => HealthAsync(http, "health/bus"), h => h.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the bus reconnected");
    }

    [Fact]
    public async Task Messages_accepted_before_the_broker_ever_saw_the_host_wait_for_its_queues_and_are_all_applied()
    {
        var rabbit = fixture.Servers.RabbitMq;
        Assert.True(rabbit.CanControl, "this test stops the broker, so it needs a server it controls");
        // A virtual host where no queue exists yet: the relay must not publish before the saga's queue is bound, or
        // the broker confirms the message and drops it.
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = await fixture.Servers.CreateDatabaseAsync("firststart");
        options.Environment["ConnectionStrings__RabbitMq"] = await fixture.Servers.CreateVirtualHostAsync("firststart");
        var instances = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();

        await rabbit.StopAsync();
        HostProcess host;
        try
        {
            host = await HostProcess.StartAsync(options);
            using var clients = new Clients(host.BaseAddress, instances.Length);
            await Task.WhenAll(instances.Select((instance, i) => clients[i].AddItemsAsync(instance, 1, 10, TimeSpan.FromSeconds(30))));
        }
        finally
        {
            await rabbit.StartAsync();
        }

        await using (host)
        {
            using var reader = new WorkClient(host.BaseAddress, ClientBinding.Basic);
            foreach (var instance in instances)
            {
                var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 10, $"every item of {instance} applied", TimeSpan.FromSeconds(90));
                Assert.Equal(10, status.ItemCount);
                Assert.True(status.InOrder, status.ToString());
            }
        }
    }

    [Fact]
    public async Task A_one_way_message_the_server_could_not_store_is_never_answered_with_nothing_was_stored()
    {
        var postgres = fixture.Servers.Postgres;
        Assert.True(postgres.CanControl, "this test stops PostgreSQL, so it needs a server it controls");
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        await postgres.StopAsync();
        XElement withId, withoutId;
        try
        {
            withId = await PostAsync(http, RawSoap.Addressed12("urn:duplexbus:samples/WorkService/AddItem", RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: true);
            withoutId = await PostAsync(http, RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: false);
        }
        finally
        {
            await postgres.StartAsync();
        }

        Assert.DoesNotContain("nothing was stored", RawSoap.FaultReason(withId), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("same wsa:MessageID is safe", RawSoap.FaultReason(withId), StringComparison.Ordinal);
        Assert.DoesNotContain("nothing was stored", RawSoap.FaultReason(withoutId), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("may take effect twice", RawSoap.FaultReason(withoutId), StringComparison.Ordinal);
    }

    private static async Task<XElement> PostAsync(HttpClient http, string envelope, bool soap12)
    {
        using var response = await http.PostAsync("/services/work", RawSoap.Content(envelope, soap12, "urn:duplexbus:samples/WorkService/AddItem"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        return XElement.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<Health> HealthAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return new Health(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private sealed record Health(HttpStatusCode Status, JsonElement Body)
    {
        public string? Check(string name) => Body.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
    }

    private sealed class Clients(Uri host, int count) : IDisposable
    {
        private readonly ResendingClient[] _clients = Enumerable.Range(0, count).Select(_ => new ResendingClient(host)).ToArray();

        public ResendingClient this[int index] => _clients[index];

        public void Dispose()
        {
            foreach (var client in _clients)
                client.Dispose();
        }
    }
}
