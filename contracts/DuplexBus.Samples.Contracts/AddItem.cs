namespace DuplexBus.Samples.Contracts;

/// <summary>Appends one item to a work instance (created on first use).</summary>
public sealed record AddItem(Guid InstanceId, int Index, string Value);
