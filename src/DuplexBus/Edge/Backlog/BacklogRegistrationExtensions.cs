using DuplexBus.Edge.Backlog;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace MassTransit;

public static class BacklogRegistrationExtensions
{
    /// <summary>
    /// Lets the edge hold one-way messages back while the queues this host consumes hold more than
    /// <see cref="BacklogLimitOptions.MaxQueuedMessages"/> (<c>DuplexBus:Edge:BacklogLimit</c>), so under a load the
    /// consumers cannot match, the edge slows to their pace instead of acknowledging an ever longer queue. The queues
    /// are counted on a RabbitMQ connection of its own to <paramref name="amqpUri"/> (and, in a cluster, the
    /// <paramref name="otherNodes"/> given as <c>host:port</c>), the bus's own virtual host and credentials.
    /// </summary>
    public static IBusRegistrationConfigurator AddDuplexBusBacklogLimit(this IBusRegistrationConfigurator configurator, Uri amqpUri, params IReadOnlyList<string> otherNodes)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(amqpUri);
        ArgumentNullException.ThrowIfNull(otherNodes);
        var factory = new ConnectionFactory { Uri = amqpUri, AutomaticRecoveryEnabled = false };
        IReadOnlyList<AmqpTcpEndpoint> endpoints = [factory.Endpoint, .. otherNodes.Select(node => AmqpTcpEndpoint.Parse(node))];

        configurator.AddSingleton<ConsumedQueues>();
        configurator.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ConsumedQueues>());
        configurator.AddSingleton<IQueueDepthSource>(sp => new RabbitMqQueueDepthSource(factory, endpoints, sp.GetRequiredService<ConsumedQueues>()));
        configurator.AddHostedService<BacklogMonitor>();
        return configurator;
    }
}
