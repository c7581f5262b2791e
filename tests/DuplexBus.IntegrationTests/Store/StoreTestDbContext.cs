using DuplexBus.Persistence;
using DuplexBus.Samples.Sagas;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>
/// DuplexBus's tables plus the sample saga, created with EnsureCreated: these tests are about the store, not
/// migrations. A plain DbContext, as an application's would be: the tables come from <c>modelBuilder.AddDuplexBus</c>.
/// </summary>
public sealed class StoreTestDbContext(DbContextOptions<StoreTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddDuplexBus(Database);
        modelBuilder.ApplyConfiguration(new WorkStateMap());
    }
}
