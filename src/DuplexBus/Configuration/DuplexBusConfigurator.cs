using DuplexBus.Outbox;
using DuplexBus.Callbacks;
using DuplexBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Configuration;

/// <summary>What <c>AddDuplexBus</c> is told: which database, and which message types the outbox may carry.</summary>
public sealed class DuplexBusConfigurator
{
    internal DuplexBusConfigurator(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    internal Action<IServiceCollection>? Database { get; private set; }

    internal IDatabaseDialect? Dialect { get; private set; }

    /// <summary>
    /// Production store: PostgreSQL through Npgsql, with the migrations of <typeparamref name="TContext"/>, the
    /// application's own DbContext, whose <c>OnModelCreating</c> calls <c>modelBuilder.AddDuplexBus(Database)</c>.
    /// </summary>
    /// <param name="connectionString">
    /// An Npgsql connection string. Unless it says otherwise, statements are prepared automatically after their second
    /// use (<c>Max Auto Prepare=64</c>): the edge, the relay and the sagas repeat a handful of statements per message.
    /// </param>
    /// <param name="configure">More EF Core options (interceptors, logging), applied after the provider.</param>
    public DuplexBusConfigurator UsePostgreSql<TContext>(string connectionString, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var withDefaults = PostgreSqlDialect.WithDefaults(connectionString);
        return UseDatabase<TContext>(new PostgreSqlDialect(), o => o.UseNpgsql(withDefaults, npgsql => npgsql.ConfigureDataSource(TraceOnlyWithinAnOperation)), configure, services =>
        {
            services.AddSingleton<IOutboxStatements, PostgreSqlOutboxStatements>();
            services.AddSingleton<ICallbackStatements, PostgreSqlCallbackStatements>();
        });
    }

    // A statement is a span only inside an operation that is traced (a request, a consume, a callback): the relay's and
    // the dispatcher's looks for work, the lease rounds and the health checks would otherwise each start a trace of
    // their own, every second, and bury the traces that matter.
    private static void TraceOnlyWithinAnOperation(Npgsql.NpgsqlDataSourceBuilder dataSource) =>
        dataSource.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
            .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null));

    /// <summary>The embedded quick-start store: one SQLite file. Not for production.</summary>
    /// <param name="configure">More EF Core options (interceptors, logging), applied after the provider.</param>
    public DuplexBusConfigurator UseSqlite<TContext>(string connectionString, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return UseDatabase<TContext>(new SqliteDialect(), o => o.UseSqlite(connectionString), configure, services =>
        {
            services.AddSingleton<IOutboxStatements, SqliteOutboxStatements>();
            services.AddSingleton<ICallbackStatements, SqliteCallbackStatements>();
        });
    }

    /// <summary>
    /// Declares a message type that sagas or consumers write to the outbox (the edge's own types are known from its
    /// operations). Only declared types are relayed: a stored name never chooses the type that gets deserialized.
    /// </summary>
    public DuplexBusConfigurator OutboxMessage<TMessage>()
        where TMessage : class
    {
        Services.AddSingleton(new OutboxMessageType(typeof(TMessage)));
        return this;
    }

    private DuplexBusConfigurator UseDatabase<TContext>(IDatabaseDialect dialect, Action<DbContextOptionsBuilder> provider, Action<DbContextOptionsBuilder>? configure, Action<IServiceCollection> statements)
        where TContext : DbContext
    {
        Dialect = dialect;
        Database = services =>
        {
            // Each step's own statements, written for this database.
            statements(services);
            services.AddDbContextPool<TContext>(o =>
            {
                provider(o);
                configure?.Invoke(o);
            });
            // The framework's own steps find it under their key; the application's code asks for its own type.
            services.AddKeyedScoped<DbContext>(DuplexBusDatabase.Key, (sp, _) => sp.GetRequiredService<TContext>());
        };
        return this;
    }
}
