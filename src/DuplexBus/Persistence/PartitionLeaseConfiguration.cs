using DuplexBus.Sagas.Partitions;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Persistence;

internal static class PartitionLeaseConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PartitionLease>(lease =>
        {
            lease.ToTable("saga_partition_lease");
            lease.HasKey(l => l.Queue);
            lease.Property(l => l.Queue).HasColumnName("queue").HasMaxLength(256);
            lease.Property(l => l.Owner).HasColumnName("owner").HasMaxLength(256);
            lease.Property(l => l.ExpiresAt).HasColumnName("expires_at");
        });
        modelBuilder.Entity<PartitionHost>(host =>
        {
            host.ToTable("saga_partition_host");
            host.HasKey(h => h.Owner);
            host.Property(h => h.Owner).HasColumnName("owner").HasMaxLength(256);
            host.Property(h => h.SeenAt).HasColumnName("seen_at");
        });
    }
}
