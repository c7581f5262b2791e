namespace DuplexBus.Callbacks;

/// <summary>Published (through the outbox) when a callback was given up; it can still be replayed.</summary>
public sealed record CallbackDeadLettered(Guid CallbackId, Guid CorrelationId, int Attempts, string Reason);
