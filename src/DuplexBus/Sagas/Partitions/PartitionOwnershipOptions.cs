using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Sagas.Partitions;

/// <summary>How hosts share a partitioned saga's queues (section <c>DuplexBus:SagaPartitions</c>).</summary>
public sealed class PartitionOwnershipOptions
{
    /// <summary>
    /// How long a host keeps a partition without renewing it. A host that dies gives its partitions up after this long:
    /// the pause those instances see.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a host renews its leases and rebalances (one round trip on PostgreSQL); well below <see cref="LeaseDuration"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);
}
