using DuplexBus.Callbacks;

namespace DuplexBus.Samples.Contracts;

/// <summary>Starts the long-running work of an instance (or restarts the clock of an existing one).</summary>
/// <param name="Callback">Where to send WorkCompleted when the work is done; null when the client gave no callback address.</param>
public sealed record StartWork(Guid InstanceId, int Steps, CallbackEndpoint? Callback = null);
