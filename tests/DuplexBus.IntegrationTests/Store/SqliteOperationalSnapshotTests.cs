using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Store;

public sealed class SqliteOperationalSnapshotTests : OperationalSnapshotContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("duplexbus-gauges-").FullName;

    protected override Task<DbContextOptions<StoreTestDbContext>> CreateDatabaseAsync() =>
        Task.FromResult(new DbContextOptionsBuilder<StoreTestDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "gauges.db")}").Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
