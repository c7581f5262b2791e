using System.Diagnostics;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Testing;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Durability;

/// <summary>
/// One relay publishes at a time, and a relay whose host vanished — frozen, or cut off behind something that still
/// keeps its TCP connection open, so no keepalive ever fails — cannot keep that turn: the database ends it.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class RelayTurnTests(ServersFixture servers)
{
    [Fact]
    public async Task A_relay_turn_held_by_a_host_that_went_silent_is_released_by_the_database_within_its_hold_limit()
    {
        var options = new DbContextOptionsBuilder<StoreTestDbContext>().UseNpgsql(await servers.CreateDatabaseAsync("relayturn")).Options;
        var dialect = new PostgreSqlDialect();
        var relay = new PostgreSqlOutboxStatements();
        var holdLimit = TimeSpan.FromSeconds(2);

        // The vanished host: takes the turn, then never sends another byte on its connection.
        await using var vanished = new StoreTestDbContext(options);
        await using var vanishedTransaction = await dialect.BeginTransactionAsync(vanished, CancellationToken.None);
        Assert.True(await relay.TryTakeRelayTurnAsync(vanished, holdLimit, CancellationToken.None));

        var clock = Stopwatch.StartNew();
        Assert.False(await TryTurnAsync(options, dialect, relay, holdLimit), "the turn is held while its holder lives");
        await Eventually.Until(() => TryTurnAsync(options, dialect, relay, holdLimit), taken => taken, TimeSpan.FromSeconds(20), "another relay takes the turn");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"taken over after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<bool> TryTurnAsync(DbContextOptions<StoreTestDbContext> options, PostgreSqlDialect dialect, PostgreSqlOutboxStatements relay, TimeSpan holdLimit)
    {
        await using var db = new StoreTestDbContext(options);
        await using var transaction = await dialect.BeginTransactionAsync(db, CancellationToken.None);
        return await relay.TryTakeRelayTurnAsync(db, holdLimit, CancellationToken.None);
    }
}
