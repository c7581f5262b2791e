using DuplexBus.Persistence;
using DuplexBus.Samples.Sagas;
using DuplexBus.Samples.Sagas.Orders;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Host.Persistence;

/// <summary>The host's database on PostgreSQL: DuplexBus's tables plus the sample sagas'.</summary>
public class WorkDbContext : DbContext
{
    public WorkDbContext(DbContextOptions<WorkDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the SQLite variant, which keeps its own migrations.</summary>
    protected WorkDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddDuplexBus(Database);
        modelBuilder.ApplyConfiguration(new WorkStateMap());
        modelBuilder.ApplyConfiguration(new OrderStateMap());
    }
}
