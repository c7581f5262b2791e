namespace DuplexBus.Outbox;

/// <summary>A message type the application writes to the outbox from its own steps (sagas, consumers).</summary>
public sealed record OutboxMessageType(Type Type);
