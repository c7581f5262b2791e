namespace DuplexBus.Parking;

/// <summary>The outcome of a replay: what went back into the outbox, and what stays parked because it cannot be read.</summary>
public sealed record ReplayResult(IReadOnlyList<ParkedMessage> Replayed, IReadOnlyList<ParkedMessage> Unreadable);
