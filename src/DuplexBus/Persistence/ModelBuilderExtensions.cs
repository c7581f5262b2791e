using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DuplexBus.Persistence;

public static class ModelBuilderExtensions
{
    /// <summary>
    /// Adds DuplexBus's tables to the application's own model: outbox, inbox, callbacks, parked messages, the
    /// WS-RM sequences and the saga partition leases. Call it in <c>OnModelCreating</c> of the DbContext given to <c>UsePostgreSql</c>/<c>UseSqlite</c>,
    /// beside the sagas' <c>SagaClassMap</c>s; the tables then come with that context's migrations.
    /// </summary>
    /// <param name="database">
    /// The context's <c>Database</c>: the provider chooses column types (message bodies are <c>jsonb</c> on PostgreSQL).
    /// </param>
    public static ModelBuilder AddDuplexBus(this ModelBuilder modelBuilder, DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(database);
        var jsonType = database.IsNpgsql() ? "jsonb" : null;
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration(jsonType));
        modelBuilder.ApplyConfiguration(new InboxStateConfiguration());
        modelBuilder.ApplyConfiguration(new CallbackMessageConfiguration());
        modelBuilder.ApplyConfiguration(new ParkedMessageConfiguration());
        Edge.Sessions.SessionTablesConfiguration.Apply(modelBuilder);
        PartitionLeaseConfiguration.Apply(modelBuilder);
        return modelBuilder;
    }
}
