namespace DuplexBus.Sagas.Partitions;

/// <summary>A host that consumes saga partitions, and when it last said so (UTC): the live ones share the partitions.</summary>
public sealed class PartitionHost
{
    public string Owner { get; set; } = "";

    public DateTime SeenAt { get; set; }
}
