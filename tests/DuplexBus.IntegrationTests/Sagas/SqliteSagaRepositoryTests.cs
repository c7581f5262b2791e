using DuplexBus.Configuration;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Sagas;

/// <summary>The saga store contract on SQLite, the embedded default's store.</summary>
public sealed class SqliteSagaRepositoryTests : SagaRepositoryContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("duplexbus-saga-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "saga.db")};Default Timeout=30";

    protected override void UseDatabase(DuplexBusConfigurator bus, Action<DbContextOptionsBuilder> configure) =>
        bus.UseSqlite<SagaTestDbContext>(ConnectionString, configure);

    protected override Task<DbContextOptions<SagaTestDbContext>> CreateDatabaseAsync() =>
        Task.FromResult(new DbContextOptionsBuilder<SagaTestDbContext>().UseSqlite(ConnectionString).Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
