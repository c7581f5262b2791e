namespace DuplexBus.Callbacks;

/// <summary>What to record for one attempt: the row's next state, and when it is due again if it stays pending.</summary>
public sealed record CallbackOutcome(
    CallbackMessage Callback,
    CallbackState State,
    int? StatusCode,
    string? Error,
    DateTime NextAttemptAt,
    DateTime? DeliveredAt)
{
    /// <summary>What the row's <c>last_error</c> column holds at most.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>The attempt count once this outcome is recorded.</summary>
    public int Attempts => Callback.Attempts + 1;

    /// <summary>The error as the row keeps it.</summary>
    public string? RecordedError => Error is { Length: > MaxErrorLength } ? Error[..MaxErrorLength] : Error;

    public static CallbackOutcome Delivered(CallbackMessage callback, int statusCode, DateTime now) =>
        new(callback, CallbackState.Delivered, statusCode, null, now, now);

    public static CallbackOutcome Retry(CallbackMessage callback, CallbackAttemptResult result, DateTime nextAttemptAt) =>
        new(callback, CallbackState.Pending, result.StatusCode, result.Description, nextAttemptAt, null);

    public static CallbackOutcome DeadLettered(CallbackMessage callback, CallbackAttemptResult result, DateTime now) =>
        new(callback, CallbackState.DeadLettered, result.StatusCode, result.Description, now, null);
}
