using System.Collections.Concurrent;
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
    ILogger<SagaPartitionEndpoints<TSaga>> logger) : IBusStartGate, ISagaPartitionEndpoints
    where TSaga : class, SagaStateMachineInstance
{
    private string[] _queues = [];
    private string[] _exchanges = [];

    private const string ConsistentHash = "x-consistent-hash";

    // Jump consistent hashing gives each binding a share in proportion to its weight: equal weights, equal shares.
    private const string PartitionWeight = "1";

    private readonly Dictionary<string, HostReceiveEndpointHandle> _connected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IChannel> _channels = new(StringComparer.Ordinal);

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

        _exchanges = SagaMessageTypes.Of<TSaga>(services, bus).Select(type => SagaMessageTypes.EntityName(bus, type)).ToArray();
        var queues = Enumerable.Range(0, names.Partitions).Select(names.Queue).ToArray();
        foreach (var queue in queues)
            await ConnectAsync(queue).ConfigureAwait(false);
        _queues = queues;
        logger.PartitionsConnected(names.EndpointName, names.Partitions, names.Exchange);
    }

    public IReadOnlyList<string> Queues => _queues;

    public bool IsConnected(string queue)
    {
        lock (_connected)
            return _connected.ContainsKey(queue);
    }

    public async Task ConnectAsync(string queue)
    {
        try
        {
            // The broker may be away: the endpoint is connected and starts consuming when it returns; the ownership
            // loop does not wait that long, or it would stop renewing the partitions it already has.
            await ConnectAsync(queue, (context, endpoint) => ConfigurePartition(context, endpoint, queue, _exchanges), new PartitionChannelObserver(queue, _channels))
                .WaitAsync(ReadyWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <remarks>
    /// The channel goes first. Stopping the endpoint alone cancels its consumer while the broker may still be pushing
    /// it messages; those the client then refuses are requeued, and a RabbitMQ 3.10 quorum queue without a delivery
    /// limit requeues a refused message at the back, behind the instance's later messages. A channel that closes
    /// instead hands everything it held back to the head of the queue, in order. The message in hand still finishes:
    /// if it committed, its acknowledgement is lost and the next holder's copy is dropped by the saga's inbox. The
    /// endpoint is stopped whatever the close did: one left running would take a fresh channel and go on consuming a
    /// partition this host no longer counts as its own (and the next connect of its name would be refused).
    /// </remarks>
    public async Task StopAsync(string queue)
    {
        HostReceiveEndpointHandle? handle;
        lock (_connected)
            _connected.Remove(queue, out handle);
        try
        {
            if (_channels.TryRemove(queue, out var channel) && channel.IsOpen)
                await channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The bus disposes a channel as it sees it close, sometimes before the close returns: it is closed.
            logger.PartitionChannelGone(queue, e.GetType().Name);
        }
        finally
        {
            if (handle is not null)
                await handle.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(5);

    private void ConfigurePartition(IRegistrationContext context, IReceiveEndpointConfigurator endpoint, string queue, string[] exchanges)
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

    private async Task ConnectAsync(string name, Action<IRegistrationContext, IReceiveEndpointConfigurator> configure, IReceiveObserver? observer = null)
    {
        HostReceiveEndpointHandle? handle;
        lock (_connected)
        {
            if (!_connected.TryGetValue(name, out handle))
            {
                handle = services.GetRequiredService<IReceiveEndpointConnector>().ConnectReceiveEndpoint(name, configure);
                // Connected before the endpoint has reached the broker, so it sees the first delivery.
                if (observer is not null)
                    handle.ReceiveEndpoint.ConnectReceiveObserver(observer);
                _connected.Add(name, handle);
            }
        }
        try
        {
            await handle.Ready.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Connected afresh on the next try: a faulted endpoint's Ready never completes again.
            logger.PartitionFailed(name, e);
            lock (_connected)
                _connected.Remove(name);
            await handle.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
