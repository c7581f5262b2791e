using DuplexBus.Configuration;
using DuplexBus.Testing;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Sagas;

/// <summary>The saga store contract on PostgreSQL (row locks, real transactions), on a database of its own per test.</summary>
[Collection(nameof(RealServers))]
public sealed class PostgreSqlSagaRepositoryTests(ServersFixture servers) : SagaRepositoryContract
{
    private string _connectionString = "";

    protected override void UseDatabase(DuplexBusConfigurator bus, Action<DbContextOptionsBuilder> configure) =>
        bus.UsePostgreSql<SagaTestDbContext>(_connectionString, configure);

    protected override async Task<DbContextOptions<SagaTestDbContext>> CreateDatabaseAsync()
    {
        _connectionString = await servers.CreateDatabaseAsync("saga");
        return new DbContextOptionsBuilder<SagaTestDbContext>().UseNpgsql(_connectionString).Options;
    }
}
