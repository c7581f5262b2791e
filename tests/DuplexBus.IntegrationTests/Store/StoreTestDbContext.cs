using DuplexBus.Persistence;
using DuplexBus.Samples.Sagas;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>DuplexBus's tables plus the sample saga, created with EnsureCreated: these tests are about the store, not migrations.</summary>
public sealed class StoreTestDbContext(DbContextOptions<StoreTestDbContext> options) : DuplexBusDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new WorkStateMap());
    }
}
