using DuplexBus.Outbox;
using DuplexBus.Callbacks;
using DuplexBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Configuration;

/// <summary>What <c>AddDuplexBus</c> is told: which database, which transport, which sagas and consumers.</summary>
public sealed class DuplexBusConfigurator
{
    private readonly List<Action<IBusRegistrationConfigurator>> _bus = [];

    internal DuplexBusConfigurator(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    internal Action<IServiceCollection>? Database { get; private set; }

    internal IDatabaseDialect? Dialect { get; private set; }

    internal Uri? RabbitMqUri { get; private set; }

    internal IReadOnlyList<Action<IBusRegistrationConfigurator>> BusConfiguration => _bus;

    /// <summary>Production store: PostgreSQL through Npgsql, with the migrations of <typeparamref name="TContext"/>.</summary>
    /// <param name="connectionString">
    /// An Npgsql connection string. Unless it says otherwise, statements are prepared automatically after their second
    /// use (<c>Max Auto Prepare=64</c>): the edge, the relay and the sagas repeat a handful of statements per message.
    /// </param>
    /// <param name="configure">More EF Core options (interceptors, logging), applied after the provider.</param>
    public DuplexBusConfigurator UsePostgreSql<TContext>(string connectionString, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DuplexBusDbContext
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var withDefaults = PostgreSqlDialect.WithDefaults(connectionString);
        return UseDatabase<TContext>(new PostgreSqlDialect(), o => o.UseNpgsql(withDefaults), configure, services =>
        {
            services.AddSingleton<IOutboxStatements, PostgreSqlOutboxStatements>();
            services.AddSingleton<ICallbackStatements, PostgreSqlCallbackStatements>();
        });
    }

    /// <summary>The embedded quick-start store: one SQLite file. Not for production.</summary>
    /// <param name="configure">More EF Core options (interceptors, logging), applied after the provider.</param>
    public DuplexBusConfigurator UseSqlite<TContext>(string connectionString, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DuplexBusDbContext
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return UseDatabase<TContext>(new SqliteDialect(), o => o.UseSqlite(connectionString), configure, services =>
        {
            services.AddSingleton<IOutboxStatements, SqliteOutboxStatements>();
            services.AddSingleton<ICallbackStatements, SqliteCallbackStatements>();
        });
    }

    /// <summary>RabbitMQ (quorum queues, publisher confirms) at an <c>amqp://</c> or <c>amqps://</c> URI.</summary>
    public DuplexBusConfigurator UseRabbitMq(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme is not ("amqp" or "amqps"))
            throw new ArgumentException($"The RabbitMQ address must be amqp:// or amqps://, not {uri.Scheme}://.", nameof(uri));
        RabbitMqUri = uri;
        return this;
    }

    /// <summary>MassTransit's in-memory transport: one process, nothing survives a restart. The embedded default.</summary>
    public DuplexBusConfigurator UseInMemoryTransport()
    {
        RabbitMqUri = null;
        return this;
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

    /// <summary>Anything else for MassTransit: consumers, sagas (with <c>.UseDuplexBusRepository()</c>), definitions.</summary>
    public DuplexBusConfigurator ConfigureBus(Action<IBusRegistrationConfigurator> configure)
    {
        _bus.Add(configure);
        return this;
    }

    private DuplexBusConfigurator UseDatabase<TContext>(IDatabaseDialect dialect, Action<DbContextOptionsBuilder> provider, Action<DbContextOptionsBuilder>? configure, Action<IServiceCollection> statements)
        where TContext : DuplexBusDbContext
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
            // The framework's own steps ask for the base type; the application's code may ask for its own.
            services.AddScoped<DuplexBusDbContext>(sp => sp.GetRequiredService<TContext>());
        };
        return this;
    }
}
