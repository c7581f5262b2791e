using DuplexBus.Configuration;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Protocol.Soap;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.Parking;
using DuplexBus.Persistence;
using DuplexBus.Samples.Contracts;
using DuplexBus.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// A sequence that ends without its client — idle past the inactivity timeout, then deleted by retention — never
/// drops messages it acknowledged: those held behind a gap are applied (NoDiscard) when it expires, and whatever is
/// still held when a terminated sequence's rows are deleted past the retention window is parked, in the same
/// transaction that deletes them; a client's last deleted sequence takes the client's bound of open sequences along.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class SequenceRetentionTests(ServersFixture servers)
{
    [Fact]
    public async Task Held_messages_of_an_idle_sequence_are_applied_and_what_retention_finds_held_is_parked()
    {
        var connectionString = await servers.CreateDatabaseAsync("retention");
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReliableMessaging:InactivityTimeout"] = "00:01:00",
            ["ReliableMessaging:Retention"] = "00:30:00",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddDuplexBus(settings, bus => bus.UsePostgreSql<StoreTestDbContext>(connectionString).OutboxMessage<AddItem>());
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StoreTestDbContext>().Database.EnsureCreatedAsync();

        var idle = DateTime.UtcNow.AddHours(-1);
        var (type, body) = await SerializeAsync(provider, new AddItem(Guid.NewGuid(), 3, "held"));
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreTestDbContext>();
            var store = new RmSessionStore(db, scope.ServiceProvider.GetRequiredService<IDatabaseDialect>());
            // Received 1, 3 and 4 (acknowledged); 2 never came. 3 and 4 wait for it.
            store.Save(Sequence("urn:uuid:idle", idle) with { Received = AckRanges.Parse("1,3-4"), DeliveredThrough = 1, HeldBytes = 2 * body.Length });
            store.Hold("urn:uuid:idle", 3, type, body);
            store.Hold("urn:uuid:idle", 4, type, body);
            // Already terminated, with a message left held (as an older version could leave one): retention's to delete.
            store.Save(Sequence("urn:uuid:finished", idle) with { Status = RmSequenceStatus.Terminated, Received = AckRanges.Parse("2"), DeliveredThrough = 0 });
            store.Hold("urn:uuid:finished", 2, type, body);
            // The only sequence of a client that has gone: its bound of open sequences goes with it.
            store.Save(Sequence("urn:uuid:gone", idle) with { Status = RmSequenceStatus.Terminated, Client = "address:192.0.2.1" });
            db.Set<RmAdmissionRow>().AddRange(
                new RmAdmissionRow { Client = "address:127.0.0.1", OpenAtMost = 1 },
                new RmAdmissionRow { Client = "address:192.0.2.1", OpenAtMost = 1 });
            await db.SaveChangesAsync();
        }

        await provider.GetRequiredService<RetentionCleanup>().CleanOnceAsync(CancellationToken.None);

        Assert.Equal(2L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM outbox_message"));
        Assert.Equal(0L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM rm_held_message"));
        Assert.Equal((long)RmSequenceStatus.Terminated, await Sql.ScalarAsync(connectionString, "SELECT status FROM rm_sequence WHERE id = 'urn:uuid:idle'"));
        Assert.Equal(0L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM rm_sequence WHERE id = 'urn:uuid:finished'"));
        Assert.Equal(0L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM rm_admission WHERE client = 'address:192.0.2.1'"));
        Assert.Equal(1L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM rm_admission WHERE client = 'address:127.0.0.1'"));
        Assert.Equal(1L, await Sql.ScalarAsync(connectionString, $"SELECT count(*) FROM parked_message WHERE source = '{ParkedMessage.EdgeSourcePrefix}/services/work' AND reason LIKE '%still held when the sequence was deleted%'"));
    }

    private static RmSequence Sequence(string id, DateTime lastActivity) => new()
    {
        Id = id,
        Version = RmVersion.V11,
        Soap = SoapVersion.Soap12,
        Addressing = AddressingVersion.V10,
        AcksTo = AddressingVersion.V10.AnonymousUri!,
        Endpoint = "/services/work",
        Client = "address:127.0.0.1",
        Ordered = true,
        CreatedAt = lastActivity,
        LastActivityAt = lastActivity,
    };

    private static async Task<(string Type, string Body)> SerializeAsync(IServiceProvider provider, AddItem message)
    {
        await using var scope = provider.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<DuplexBus.Outbox.OutboxWriter>().Serialize(message, typeof(AddItem));
    }

}
