using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Edge;
using DuplexBus.Edge.Ingress;
using DuplexBus.Edge.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Health;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DuplexBus.Configuration;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the DuplexBus message path: edge ingress, outbox and relay, inbox, saga persistence, health checks and
    /// MassTransit itself. <paramref name="configuration"/> is the <c>DuplexBus</c> section (Edge, Outbox, Database).
    /// </summary>
    public static DuplexBusBuilder AddDuplexBus(this IServiceCollection services, IConfiguration configuration, Action<DuplexBusConfigurator> configure)
    {
        var configurator = new DuplexBusConfigurator(services);
        configure(configurator);
        if (configurator.Database is null || configurator.Dialect is null)
            throw new InvalidOperationException("DuplexBus needs a database: call UsePostgreSql<TContext>(…) or UseSqlite<TContext>(…).");

        services.AddOptions<EdgeOptions>().Bind(configuration.GetSection("Edge")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddOptions<CallbackOptions>().Bind(configuration.GetSection("Callbacks")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallbackOptions>, CallbackOptionsValidator>();
        services.AddSingleton<IValidateOptions<CallbackOptions>, CallbackOptionsRules>();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection("Database"));
        services.AddOptions<RmLimits>().Bind(configuration.GetSection("ReliableMessaging")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RmLimits>, RmLimitsValidator>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Retention")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<DuplexBusMetrics>();
        configurator.Database(services);
        services.AddSingleton(configurator.Dialect);

        // Registered before MassTransit so the schema is current before the bus or the relay starts.
        services.AddHostedService<DatabaseMigrator>();

        services.AddSingleton<MessageTypeMap>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<ConsumerInbox>();
        services.AddScoped<EdgeIngress>();
        services.AddSingleton<CallbackSignal>();
        services.AddScoped<CallbackWriter>();
        services.AddScoped<CallbackStore>();
        services.AddSingleton<CallbackSender>();
        services.AddSingleton<CallbackAddressGuard>();
        services.AddHostedService<CallbackDispatcher>();
        services.AddScoped<ReliableSessionHandler>();
        services.AddSingleton<GroupCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommit>());

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpointExtensions.ReadyTag]);

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                // Two writers racing for one saga row: retry on a fresh scope, which reloads the row.
                endpoint.UseMessageRetry(r =>
                {
                    r.Intervals(50, 200, 1000, 2000);
                    r.Handle<DbUpdateConcurrencyException>();
                    r.Handle<DbUpdateException>(e => configurator.Dialect.IsUniqueViolation(e));
                    r.Handle<PostgresException>(e => e.SqlState is "23505" or "40001" or "40P01");
                });
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SetQuorumQueue();
            });
            foreach (var configureBus in configurator.BusConfiguration)
                configureBus(x);

            if (configurator.RabbitMqUri is { } uri)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(uri, h => h.PublisherConfirmation = true);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });

        services.AddHostedService<OutboxRelay>();
        services.AddSingleton<RetentionCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionCleanup>());
        return new DuplexBusBuilder(services);
    }
}
