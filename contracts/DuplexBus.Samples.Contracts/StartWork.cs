namespace DuplexBus.Samples.Contracts;

/// <summary>Starts the long-running work of an instance (or restarts the clock of an existing one).</summary>
public sealed record StartWork(Guid InstanceId, int Steps);
