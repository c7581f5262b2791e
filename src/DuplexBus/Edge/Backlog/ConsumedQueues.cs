using System.Collections.Concurrent;
using MassTransit;

namespace DuplexBus.Edge.Backlog;

/// <summary>
/// The queues of this host's receive endpoints, learnt as each becomes ready (also the ones connected after the bus
/// started, such as saga partitions), so the count needs no list of its own.
/// </summary>
internal sealed class ConsumedQueues : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => (IReadOnlyCollection<string>)_names.Keys;

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (QueueOf(ready.InputAddress) is { } queue)
            _names.TryAdd(queue, 0);
        return Task.CompletedTask;
    }

    /// <summary>The queue an input address names: its last path segment (<c>rabbitmq://host/vhost/queue?…</c>).</summary>
    internal static string? QueueOf(Uri inputAddress)
    {
        var path = inputAddress.AbsolutePath.TrimEnd('/');
        var name = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
        return name.Length == 0 ? null : name;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
