using DuplexBus.Callbacks;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Parking;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Persistence;

/// <summary>
/// The one database of a DuplexBus host: outbox, inbox and the saga tables. An application derives from it,
/// adds its saga maps in <see cref="OnModelCreating"/>, and keeps one migrations set per database provider.
/// </summary>
public abstract class DuplexBusDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxState> InboxStates => Set<InboxState>();

    public DbSet<CallbackMessage> CallbackMessages => Set<CallbackMessage>();

    public DbSet<ParkedMessage> ParkedMessages => Set<ParkedMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var jsonType = Database.IsNpgsql() ? "jsonb" : null;
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration(jsonType));
        modelBuilder.ApplyConfiguration(new InboxStateConfiguration());
        modelBuilder.ApplyConfiguration(new CallbackMessageConfiguration());
        modelBuilder.ApplyConfiguration(new ParkedMessageConfiguration());
        Edge.Sessions.SessionTablesConfiguration.Apply(modelBuilder);
    }
}
