using DuplexBus.Testing;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Store;

[Collection(nameof(RealServers))]
public sealed class PostgreSqlOperationalSnapshotTests(ServersFixture servers) : OperationalSnapshotContract
{
    protected override async Task<DbContextOptions<StoreTestDbContext>> CreateDatabaseAsync() =>
        new DbContextOptionsBuilder<StoreTestDbContext>().UseNpgsql(await servers.CreateDatabaseAsync("gauges")).Options;
}
