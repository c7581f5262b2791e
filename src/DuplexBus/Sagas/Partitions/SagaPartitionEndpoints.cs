using DuplexBus.Configuration;
using DuplexBus.Outbox;
using MassTransit;
using RabbitMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// Connects a partitioned saga's receive endpoints once the bus has started. All of them are declared and bound before
/// the relay publishes anything: the consistent-hash exchange spreads keys over the bindings it has, so a partition
/// bound late would move instances from one queue to another while their earlier messages still wait in the first.
/// </summary>
/// <remarks>
/// The bus observer that opens this gate is created with the bus, so the connector (which needs the bus) is resolved
/// only when the gate opens.
/// </remarks>
internal sealed class SagaPartitionEndpoints<TSaga>(
    IServiceProvider services,
    SagaPartitionSettings<TSaga> settings,
    ILogger<SagaPartitionEndpoints<TSaga>> logger) : IBusStartGate
    where TSaga : class, SagaStateMachineInstance
{
    private const string ConsistentHash = "x-consistent-hash";

    // Jump consistent hashing gives each binding a share in proportion to its weight: equal weights, equal shares.
    private const string PartitionWeight = "1";

    private readonly Dictionary<string, HostReceiveEndpointHandle> _connected = new(StringComparer.Ordinal);

    public async Task OpenAsync(IBus bus, CancellationToken cancellationToken)
    {
        var names = settings.Names;
        if (bus.Address.Scheme is not ("rabbitmq" or "rabbitmqs"))
        {
            await ConnectAsync(names.EndpointName, (context, endpoint) =>
            {
                ApplyDefaults(context, endpoint);
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.ConfigureSaga<TSaga>(context);
            }).ConfigureAwait(false);
            return;
        }

        var exchanges = SagaMessageTypes.Of<TSaga>(services, bus).Select(type => SagaMessageTypes.EntityName(bus, type)).ToArray();
        for (var partition = 0; partition < names.Partitions; partition++)
            await ConnectAsync(names.Queue(partition), (context, endpoint) => ConfigurePartition(context, endpoint, exchanges)).ConfigureAwait(false);
        logger.PartitionsConnected(names.EndpointName, names.Partitions, names.Exchange);
    }

    private void ConfigurePartition(IRegistrationContext context, IReceiveEndpointConfigurator endpoint, string[] exchanges)
    {
        endpoint.ConfigureConsumeTopology = false;
        endpoint.ConcurrentMessageLimit = 1;
        endpoint.PrefetchCount = settings.PrefetchCount;
        ApplyDefaults(context, endpoint);
        var rabbit = (IRabbitMqReceiveEndpointConfigurator)endpoint;
        rabbit.SingleActiveConsumer = true;
        rabbit.Bind(settings.Names.Exchange, hash =>
        {
            hash.ExchangeType = ConsistentHash;
            hash.RoutingKey = PartitionWeight;
            // A nested binding declares its source like its destination unless told: the message types' are fanout.
            foreach (var exchange in exchanges)
                hash.Bind(exchange, source => source.ExchangeType = ExchangeType.Fanout);
        });
        endpoint.ConfigureSaga<TSaga>(context);
    }

    private void ApplyDefaults(IRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        // Endpoints connected after the bus started do not get the AddConfigureEndpointsCallback callbacks.
        if (services.GetService<BusDefaultsOptions>() is { } defaults)
            BusRegistrationExtensions.ApplyDefaults(context, endpoint, defaults);
    }

    private async Task ConnectAsync(string name, Action<IRegistrationContext, IReceiveEndpointConfigurator> configure)
    {
        if (!_connected.TryGetValue(name, out var handle))
        {
            handle = services.GetRequiredService<IReceiveEndpointConnector>().ConnectReceiveEndpoint(name, configure);
            _connected.Add(name, handle);
        }
        try
        {
            await handle.Ready.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Connected afresh on the next try: a faulted endpoint's Ready never completes again.
            logger.PartitionFailed(name, e);
            _connected.Remove(name);
            await handle.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
