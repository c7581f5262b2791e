namespace DuplexBus.Sagas.Partitions;

/// <summary>How one saga's messages are spread over partitions; registered by <c>UseDuplexBusPartitions</c>.</summary>
internal sealed record SagaPartitionSettings<TSaga>(SagaPartitionNames Names, int PrefetchCount);
