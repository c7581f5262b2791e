using DuplexBus.Persistence;

namespace DuplexBus.Callbacks;

/// <summary>Wakes the dispatcher as soon as a commit added callbacks.</summary>
public sealed class CallbackSignal : WakeSignal;
