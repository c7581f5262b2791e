using System.Globalization;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// The broker names of a partitioned saga: one queue per partition, and one consistent-hash exchange that every message
/// type the saga consumes is bound to, which picks the partition from the message's routing key (its CorrelationId).
/// </summary>
public sealed record SagaPartitionNames(string EndpointName, int Partitions)
{
    /// <summary>The <c>x-consistent-hash</c> exchange in front of the partition queues.</summary>
    public string Exchange => EndpointName + "-partitions";

    /// <summary>Partition <paramref name="partition"/>'s queue (and the endpoint exchange of the same name).</summary>
    public string Queue(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, Partitions);
        return string.Create(CultureInfo.InvariantCulture, $"{EndpointName}-p{partition}");
    }
}
