namespace DuplexBus.Samples.Contracts;

/// <summary>The back end finished run <paramref name="Run"/> of an instance.</summary>
public sealed record WorkDone(Guid InstanceId, int Run);
