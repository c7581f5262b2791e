using DuplexBus.Health;
using DuplexBus.Outbox;
using DuplexBus.Outbox.Capture;
using DuplexBus.Resilience;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Configuration;

public static class BusRegistrationExtensions
{
    /// <summary>
    /// Plugs DuplexBus into the application's own <c>AddMassTransit</c>: the outbox relay that publishes what the edge,
    /// the sagas and the consumers committed, the bus readiness it waits for, and DuplexBus's endpoint defaults
    /// (<see cref="BusDefaultsOptions"/>). Endpoint names, the transport and everything else stay the application's.
    /// Call <c>AddDuplexBus</c> first: its database and migrations must be in place before the bus starts.
    /// </summary>
    public static IBusRegistrationConfigurator AddDuplexBusOutbox(this IBusRegistrationConfigurator configurator, Action<BusDefaultsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        if (!configurator.Any(d => d.ServiceType == typeof(MessageTypeMap)))
            throw new InvalidOperationException("Call services.AddDuplexBus(…) before AddMassTransit: AddDuplexBusOutbox needs its database, and the schema must be migrated before the bus starts.");

        var defaults = new BusDefaultsOptions();
        configure?.Invoke(defaults);

        configurator.AddSingleton(defaults);
        configurator.AddConfigureEndpointsCallback((context, _, endpoint) => ApplyDefaults(context, endpoint, defaults));
        // The bus being down is a degraded host, not an unready one: the edge still accepts into the outbox.
        configurator.ConfigureHealthCheckOptions(o =>
        {
            o.MinimalFailureStatus = HealthStatus.Degraded;
            o.Tags.Add(HealthEndpointExtensions.ReadyTag);
            o.Tags.Add(HealthEndpointExtensions.BusTag);
        });
        configurator.Configure<MassTransitHostOptions>(o =>
        {
            // The edge accepts into the outbox whether or not the broker is up, so start-up does not wait for it.
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });

        configurator.AddScoped(typeof(OutboxConsumeFilter<>));
        configurator.AddSingleton(sp => new BusReadiness(sp.GetServices<IBusStartGate>(), sp.GetRequiredService<ILogger<BusReadiness>>()));
        configurator.AddBusObserver(sp => sp.GetRequiredService<BusReadiness>());
        configurator.AddSingleton<CorrelationIdReader>();
        configurator.AddHostedService<OutboxRelay>();
        return configurator;
    }

    /// <summary>What every endpoint gets, also the ones DuplexBus connects after the bus has started.</summary>
    internal static void ApplyDefaults(IRegistrationContext context, IReceiveEndpointConfigurator endpoint, BusDefaultsOptions defaults)
    {
        if (defaults.RetryAndPark)
            EndpointResilience.Apply(context, endpoint);
        if (defaults.QuorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();
        endpoint.UseDuplexBusOutbox(context);
    }

    /// <summary>
    /// Puts the <c>Publish</c> and <c>Send</c> calls of the sagas and consumers on <paramref name="endpoint"/> through
    /// the outbox, in the saga's transaction (or, for a consumer, with its inbox mark), and lets the outbox carry the
    /// message types they consume. <see cref="AddDuplexBusOutbox"/> does this for every endpoint that
    /// <c>ConfigureEndpoints</c> creates; call it on a receive endpoint the application configures by hand.
    /// </summary>
    public static void UseDuplexBusOutbox(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);
        var types = new ConsumedMessageTypes(context.GetRequiredService<MessageTypeMap>());
        endpoint.ConnectConsumerConfigurationObserver(types);
        endpoint.ConnectSagaConfigurationObserver(types);
        endpoint.UseConsumeFilter(typeof(OutboxConsumeFilter<>), context);
    }
}
