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
    public static CallbackOutcome Delivered(CallbackMessage callback, int statusCode, DateTime now) =>
        new(callback, CallbackState.Delivered, statusCode, null, now, now);

    public static CallbackOutcome Retry(CallbackMessage callback, CallbackAttemptResult result, DateTime nextAttemptAt) =>
        new(callback, CallbackState.Pending, result.StatusCode, result.Description, nextAttemptAt, null);

    public static CallbackOutcome DeadLettered(CallbackMessage callback, CallbackAttemptResult result, DateTime now) =>
        new(callback, CallbackState.DeadLettered, result.StatusCode, result.Description, now, null);
}
