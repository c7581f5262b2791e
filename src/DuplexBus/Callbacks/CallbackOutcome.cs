namespace DuplexBus.Callbacks;

/// <summary>
/// What to record for one attempt: the row's next state, and, if it stays pending, how long after the database's now
/// it is due again (a span, not a time of this host's clock: hosts' clocks disagree, the database's is the one).
/// </summary>
public sealed record CallbackOutcome(
    CallbackMessage Callback,
    CallbackState State,
    int? StatusCode,
    string? Error,
    TimeSpan DueIn,
    DateTime? DeliveredAt)
{
    /// <summary>What the row's <c>last_error</c> column holds at most.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>The attempt count once this outcome is recorded.</summary>
    public int Attempts => Callback.Attempts + 1;

    /// <summary>The error as the row keeps it.</summary>
    public string? RecordedError => Error is { Length: > MaxErrorLength } ? Error[..MaxErrorLength] : Error;

    public static CallbackOutcome Delivered(CallbackMessage callback, int statusCode, DateTime now) =>
        new(callback, CallbackState.Delivered, statusCode, null, TimeSpan.Zero, now);

    public static CallbackOutcome Retry(CallbackMessage callback, CallbackAttemptResult result, TimeSpan dueIn) =>
        new(callback, CallbackState.Pending, result.StatusCode, result.Description, dueIn, null);

    public static CallbackOutcome DeadLettered(CallbackMessage callback, CallbackAttemptResult result) =>
        new(callback, CallbackState.DeadLettered, result.StatusCode, result.Description, TimeSpan.Zero, null);
}
