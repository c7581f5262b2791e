namespace DuplexBus.Samples.Contracts;

/// <summary>The saga's command to the back end: do <paramref name="Steps"/> units of work for run <paramref name="Run"/>.</summary>
/// <param name="Run">Which StartWork of the instance this is, so a late completion of a restarted run is not taken for the new one.</param>
public sealed record DoWork(Guid InstanceId, int Run, int Steps);
