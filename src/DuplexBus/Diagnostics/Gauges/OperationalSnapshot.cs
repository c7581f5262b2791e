namespace DuplexBus.Diagnostics.Gauges;

/// <summary>
/// What an operator alerts on, read in one round trip: every count stops at <see cref="GaugeOptions.CountLimit"/>;
/// an age is null when nothing waits.
/// </summary>
public sealed record OperationalSnapshot(
    DateTimeOffset ReadAt,
    long OpenSequences,
    long OutboxBacklog,
    TimeSpan? OldestUnsentAge,
    long ParkedMessages,
    long CallbacksDue,
    long CallbacksRetrying,
    long CallbacksDeadLettered,
    TimeSpan? OldestDueCallbackAge);
