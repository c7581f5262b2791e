using DuplexBus.Configuration;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Protocol.Soap;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Samples.Contracts;
using DuplexBus.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// Messages of many sessions share one group commit. If the database refuses one of them for a reason of its own,
/// only that one fails: the others are committed and acknowledged.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class GroupCommitIsolationTests(ServersFixture servers)
{
    [Fact]
    public async Task A_message_the_database_refuses_fails_alone_and_the_rest_of_its_group_commit()
    {
        var connectionString = await servers.CreateDatabaseAsync("groupcommit");
        var options = new DbContextOptionsBuilder<StoreTestDbContext>().UseNpgsql(connectionString).Options;
        await using (var db = new StoreTestDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
            var store = new RmSessionStore(db, new PostgreSqlDialect());
            foreach (var id in new[] { "urn:uuid:a", "urn:uuid:b", "urn:uuid:c" })
                store.Save(Sequence(id));
            await db.SaveChangesAsync();
        }
        // A rule of the database's own that refuses one message: the statement fails, the server stays up.
        await Sql.ExecuteAsync(connectionString, """
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.body->>'value' = 'poison' THEN RAISE EXCEPTION 'refused by a database rule'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON outbox_message FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            """);

        var services = new ServiceCollection().AddLogging();
        services.AddDuplexBus(new ConfigurationBuilder().Build(), bus => bus.UsePostgreSql<StoreTestDbContext>(connectionString).OutboxMessage<AddItem>());
        await using var provider = services.BuildServiceProvider();
        var groupCommit = provider.GetRequiredService<GroupCommit>();

        // Queued before the group commit runs, so its first batch holds all three.
        var good1 = groupCommit.SubmitAsync(Item(provider, "urn:uuid:a", "fine"), CancellationToken.None);
        var poison = groupCommit.SubmitAsync(Item(provider, "urn:uuid:b", "poison"), CancellationToken.None);
        var good2 = groupCommit.SubmitAsync(Item(provider, "urn:uuid:c", "fine"), CancellationToken.None);
        await groupCommit.StartAsync(CancellationToken.None);
        try
        {
            var first = await good1.WaitAsync(TimeSpan.FromSeconds(30));
            var third = await good2.WaitAsync(TimeSpan.FromSeconds(30));
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => poison.WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.Contains("refused by a database rule", refused.GetBaseException().Message, StringComparison.Ordinal);
            Assert.True(first.Sequence!.Received.Contains(1));
            Assert.True(third.Sequence!.Received.Contains(1));
            Assert.Equal(2L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM outbox_message"));
            Assert.Equal(0L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM rm_sequence WHERE id = 'urn:uuid:b' AND delivered_through > 0"));
        }
        finally
        {
            await groupCommit.StopAsync(CancellationToken.None);
        }
    }

    private static RmSequence Sequence(string id) => new()
    {
        Id = id,
        Version = RmVersion.V11,
        Soap = SoapVersion.Soap12,
        Addressing = AddressingVersion.V10,
        AcksTo = AddressingVersion.V10.AnonymousUri!,
        Ordered = true,
        CreatedAt = DateTime.UtcNow,
        LastActivityAt = DateTime.UtcNow,
    };

    private static GroupCommitItem Item(IServiceProvider provider, string sequence, string value)
    {
        using var scope = provider.CreateScope();
        var (type, body) = scope.ServiceProvider.GetRequiredService<OutboxWriter>().Serialize(new AddItem(Guid.NewGuid(), 1, value), typeof(AddItem));
        return new(new SequenceHeader(sequence, 1, false), RmVersion.V11, SoapVersion.Soap12, AddressingVersion.V10,
            RmCaller.Of("/services/work", null, "127.0.0.1"), new ContractPayload(type, body));
    }

}
