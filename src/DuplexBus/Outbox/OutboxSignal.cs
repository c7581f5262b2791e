using DuplexBus.Persistence;

namespace DuplexBus.Outbox;

/// <summary>Wakes the relay as soon as a commit added outbox rows.</summary>
public sealed class OutboxSignal : WakeSignal;
