namespace DuplexBus.Sagas.Partitions;

/// <summary>One partitioned saga's queues, as the ownership loop starts and stops them.</summary>
internal interface ISagaPartitionEndpoints
{
    /// <summary>The partition queues; empty when the transport has no partitions (one endpoint, always connected).</summary>
    IReadOnlyList<string> Queues { get; }

    bool IsConnected(string queue);

    Task ConnectAsync(string queue);

    /// <summary>Stops consuming <paramref name="queue"/>, after the message in hand is done.</summary>
    Task StopAsync(string queue);
}
