using DuplexBus.Configuration;
using DuplexBus.Testing;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>The saga store contract on PostgreSQL (row locks, real transactions), on a database of its own per test.</summary>
[Collection(nameof(RealServers))]
public sealed class PostgreSqlStoreTests(ServersFixture servers) : StoreContract
{
    private string _connectionString = "";

    protected override void UseDatabase(DuplexBusConfigurator bus, Action<DbContextOptionsBuilder> configure) =>
        bus.UsePostgreSql<StoreTestDbContext>(_connectionString, configure);

    protected override async Task<DbContextOptions<StoreTestDbContext>> CreateDatabaseAsync()
    {
        _connectionString = await servers.CreateDatabaseAsync("saga");
        return new DbContextOptionsBuilder<StoreTestDbContext>().UseNpgsql(_connectionString).Options;
    }
}
