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
    /// are counted on a RabbitMQ connection of its own to <paramref name="amqpUri"/> (and, in a cluster, to the first of
    /// <paramref name="clusterNodes"/> that answers, each <c>host:port</c>), with the URI's virtual host, credentials and
    /// TLS.
    /// </summary>
    public static IBusRegistrationConfigurator AddDuplexBusBacklogLimit(this IBusRegistrationConfigurator configurator, Uri amqpUri, params IReadOnlyList<string> clusterNodes)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(amqpUri);
        ArgumentNullException.ThrowIfNull(clusterNodes);
        var factory = new ConnectionFactory { Uri = amqpUri, AutomaticRecoveryEnabled = false };
        var uriNode = factory.Endpoint;
        IReadOnlyList<AmqpTcpEndpoint> endpoints =
        [
            uriNode,
            .. clusterNodes
                .Select(node => AmqpTcpEndpoint.Parse(node))
                .Select(node => new AmqpTcpEndpoint(node.HostName, node.Port, uriNode.Ssl))
                .Where(node => !(string.Equals(node.HostName, uriNode.HostName, StringComparison.OrdinalIgnoreCase) && node.Port == uriNode.Port)),
        ];

        configurator.AddSingleton<ConsumedQueues>();
        configurator.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ConsumedQueues>());
        configurator.AddSingleton(sp => new RabbitMqQueueDepthSource(factory, endpoints, sp.GetRequiredService<ConsumedQueues>()));
        configurator.AddSingleton<IQueueDepthSource>(sp => sp.GetRequiredService<RabbitMqQueueDepthSource>());
        configurator.AddSingleton<IErrorQueueDepths>(sp => sp.GetRequiredService<RabbitMqQueueDepthSource>());
        configurator.AddHostedService<BacklogMonitor>();
        return configurator;
    }
}
