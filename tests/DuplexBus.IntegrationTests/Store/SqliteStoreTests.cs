using DuplexBus.Configuration;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>The saga store contract on SQLite, the embedded default's store.</summary>
public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("duplexbus-saga-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "saga.db")};Default Timeout=30";

    protected override void UseDatabase(DuplexBusConfigurator bus, Action<DbContextOptionsBuilder> configure) =>
        bus.UseSqlite<StoreTestDbContext>(ConnectionString, configure);

    protected override Task<DbContextOptions<StoreTestDbContext>> CreateDatabaseAsync() =>
        Task.FromResult(new DbContextOptionsBuilder<StoreTestDbContext>().UseSqlite(ConnectionString).Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
