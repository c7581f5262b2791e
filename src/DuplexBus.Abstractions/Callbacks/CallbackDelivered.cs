namespace DuplexBus.Callbacks;

/// <summary>Published (through the outbox) when a client answered a callback with 2xx.</summary>
public sealed record CallbackDelivered(Guid CallbackId, Guid CorrelationId, DateTime DeliveredAt, int Attempts);
