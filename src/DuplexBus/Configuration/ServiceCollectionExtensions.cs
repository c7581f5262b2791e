using DuplexBus.Edge.Backlog;
using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Diagnostics.Gauges;
using DuplexBus.Edge;
using DuplexBus.Edge.Ingress;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Security;
using DuplexBus.Edge.Sessions;
using DuplexBus.Health;
using DuplexBus.OperatorConsole;
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
using Microsoft.Extensions.Options;
using Npgsql;

namespace DuplexBus.Configuration;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the DuplexBus message path: edge ingress, outbox, inbox, saga persistence, callbacks and health checks.
    /// The bus is the application's own: inside its <c>AddMassTransit</c>, <c>x.AddDuplexBusOutbox()</c> adds the relay
    /// and the endpoint defaults, and <c>.UseDuplexBusRepository()</c> persists a saga. <paramref name="configuration"/>
    /// is the <c>DuplexBus</c> section (Edge, Outbox, Database).
    /// </summary>
    public static DuplexBusBuilder AddDuplexBus(this IServiceCollection services, IConfiguration configuration, Action<DuplexBusConfigurator> configure)
    {
        var configurator = new DuplexBusConfigurator(services);
        configure(configurator);
        if (configurator.Database is null || configurator.Dialect is null)
            throw new InvalidOperationException("DuplexBus needs a database: call UsePostgreSql<TContext>(…) or UseSqlite<TContext>(…).");

        services.AddOptions<EdgeOptions>().Bind(configuration.GetSection("Edge")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        services.AddOptions<BacklogLimitOptions>().Bind(configuration.GetSection("Edge:BacklogLimit")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BacklogLimitOptions>, BacklogLimitOptionsValidator>();
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
        services.AddHostedService<CountersFromZero>();
        services.AddOptions<GaugeOptions>().Bind(configuration.GetSection("Gauges")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GaugeOptions>, GaugeOptionsValidator>();
        services.AddSingleton<OperationalGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationalGauges>());
        configurator.Database(services);
        services.AddSingleton(configurator.Dialect);

        // Registered before the application's AddMassTransit (AddDuplexBusOutbox insists), so the schema is current
        // before the bus or the relay starts.
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
        services.AddSingleton<BacklogGate>();
        services.AddSingleton<EdgeAdmission>();
        services.AddSingleton(sp =>
        {
            var callbacks = sp.GetRequiredService<IOptions<CallbackOptions>>().Value;
            return new DestinationPauses(callbacks.PauseAfterFailures, callbacks.PauseFor);
        });
        services.AddHostedService<CallbackDispatcher>();
        services.AddScoped<ReliableSessionHandler>();
        services.AddScoped<SequenceRetention>();
        services.AddSingleton<GroupCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommit>());
        services.AddSingleton<CreateCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<CreateCommit>());

        services.AddScoped<ParkedMessageStore>();
        services.AddSingleton<SoapEndpointRegistry>();
        services.AddSingleton<IParkedEnvelopeTranslator, ParkedEnvelopeTranslator>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpointExtensions.ReadyTag])
            .AddCheck<ParkedMessagesHealthCheck>("parked", tags: [HealthEndpointExtensions.ReadyTag]);

        services.AddOptions<OperatorConsoleOptions>().Bind(configuration.GetSection("Console"));
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<ConsoleCounters>();

        services.AddSingleton<RetentionCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionCleanup>());
        return new DuplexBusBuilder(services);
    }
}
