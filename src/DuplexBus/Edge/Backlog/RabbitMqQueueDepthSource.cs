using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace DuplexBus.Edge.Backlog;

/// <summary>
/// Counts the ready messages of <see cref="ConsumedQueues"/> with passive declares on a connection of its own, so a
/// count never waits behind the bus's publishes and consumes. A queue that does not exist (yet) counts 0.
/// </summary>
internal sealed class RabbitMqQueueDepthSource(ConnectionFactory factory, IReadOnlyList<AmqpTcpEndpoint> endpoints, ConsumedQueues queues)
    : IQueueDepthSource, IErrorQueueDepths, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task<long?> CountAsync(CancellationToken cancellationToken) =>
        await CountEachAsync(queues.Names, cancellationToken).ConfigureAwait(false) is { } counts ? counts.Values.Sum() : null;

    /// <summary>MassTransit's error queue of every consumed queue (<c>&lt;queue&gt;_error</c>); 0 for one never made.</summary>
    public Task<IReadOnlyDictionary<string, long>?> CountErrorQueuesAsync(CancellationToken cancellationToken) =>
        CountEachAsync(queues.Names.Select(queue => queue + "_error").ToList(), cancellationToken);

    private async Task<IReadOnlyDictionary<string, long>?> CountEachAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var counts = new Dictionary<string, long>(names.Count, StringComparer.Ordinal);
            foreach (var queue in names)
                counts[queue] = await CountAsync(queue, cancellationToken).ConfigureAwait(false);
            return counts;
        }
        catch (Exception e) when (e is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException or TimeoutException)
        {
            await DropAsync().ConfigureAwait(false);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<uint> CountAsync(string queue, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await channel.MessageCountAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            // The broker closes the channel on a passive declare of a missing queue.
            await DropChannelAsync().ConfigureAwait(false);
            return 0;
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } channel)
            return channel;
        await DropChannelAsync().ConfigureAwait(false);
        if (_connection is not { IsOpen: true })
        {
            await DropAsync().ConfigureAwait(false);
            _connection = await factory.CreateConnectionAsync(endpoints, "duplexbus-backlog", cancellationToken).ConfigureAwait(false);
        }
        return _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task DropChannelAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task DropAsync()
    {
        await DropChannelAsync().ConfigureAwait(false);
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
