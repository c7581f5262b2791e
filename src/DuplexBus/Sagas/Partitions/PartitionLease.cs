namespace DuplexBus.Sagas.Partitions;

/// <summary>Which host consumes a saga partition queue, until when (UTC); renewed while the host lives.</summary>
public sealed class PartitionLease
{
    /// <summary>The partition's queue name, e.g. <c>work-state-p3</c>.</summary>
    public string Queue { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}
