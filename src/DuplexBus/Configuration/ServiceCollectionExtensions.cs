using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Edge;
using DuplexBus.Edge.Ingress;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Security;
using DuplexBus.Edge.Sessions;
using DuplexBus.Health;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Parking;
using DuplexBus.Persistence;
using DuplexBus.Resilience;
using MassTransit;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
        services.AddOptions<ConsumerRetryOptions>().Bind(configuration.GetSection("Consumers")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsumerRetryOptions>, ConsumerRetryOptionsValidator>();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection("Database"));
        services.AddOptions<RmLimits>().Bind(configuration.GetSection("ReliableMessaging")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RmLimits>, RmLimitsValidator>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Retention")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddDuplexBusSecurity(configuration.GetSection("Security"));

        services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(sp => new KestrelLimitsSetup(sp.GetService<IConfiguration>()));

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
        services.AddSingleton<EdgeAdmission>();
        services.AddHostedService<CallbackDispatcher>();
        services.AddScoped<ReliableSessionHandler>();
        services.AddScoped<SequenceRetention>();
        services.AddSingleton<GroupCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommit>());

        services.AddScoped<ParkedMessageStore>();
        services.AddSingleton<SoapEndpointRegistry>();
        services.AddSingleton<IParkedEnvelopeTranslator, ParkedEnvelopeTranslator>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpointExtensions.ReadyTag])
            .AddCheck<ParkedMessagesHealthCheck>("parked", tags: [HealthEndpointExtensions.ReadyTag]);

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                EndpointResilience.Apply(context, endpoint);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SetQuorumQueue();
            });
            // The bus being down is a degraded host, not an unready one: the edge still accepts into the outbox.
            x.ConfigureHealthCheckOptions(o =>
            {
                o.MinimalFailureStatus = HealthStatus.Degraded;
                o.Tags.Add(HealthEndpointExtensions.ReadyTag);
                o.Tags.Add(HealthEndpointExtensions.BusTag);
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
            // The edge accepts into the outbox whether or not the broker is up, so start-up does not wait for it.
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });

        services.AddSingleton<BusReadiness>();
        services.AddBusObserver(sp => sp.GetRequiredService<BusReadiness>());
        services.AddHostedService<OutboxRelay>();
        services.AddSingleton<RetentionCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionCleanup>());
        return new DuplexBusBuilder(services);
    }
}
