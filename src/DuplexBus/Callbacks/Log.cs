using Microsoft.Extensions.Logging;

namespace DuplexBus.Callbacks;

internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Debug, "Callback {CallbackId} delivered to {Address} on attempt {Attempt}")]
    public static partial void CallbackDelivered(this ILogger logger, Guid callbackId, string address, int attempt);

    [LoggerMessage(5002, LogLevel.Information, "Callback {CallbackId} to {Address} failed on attempt {Attempt} ({Description}); next attempt in {RetryIn}")]
    public static partial void CallbackRetry(this ILogger logger, Guid callbackId, string address, int attempt, string description, TimeSpan retryIn);

    [LoggerMessage(5003, LogLevel.Warning, "Callback {CallbackId} to {Address} dead-lettered after {Attempts} attempts: {Reason}")]
    public static partial void CallbackDeadLettered(this ILogger logger, Guid callbackId, string address, int attempts, string reason);

    [LoggerMessage(5004, LogLevel.Warning, "The callback dispatcher pass failed; retrying")]
    public static partial void DispatchPassFailed(this ILogger logger, Exception exception);

    [LoggerMessage(5005, LogLevel.Warning, "Recording {Count} callback attempts failed; they are tried again when their leases end")]
    public static partial void RecordFailed(this ILogger logger, int count, Exception exception);

    [LoggerMessage(5006, LogLevel.Information, "Callback {CallbackId} was not sent: {LeaseLeft} is left of its lease, too little for an attempt; it is given back")]
    public static partial void LeaseTooShort(this ILogger logger, Guid callbackId, TimeSpan leaseLeft);

    [LoggerMessage(5007, LogLevel.Information, "Gave back {Count} claimed callbacks unsent ({Released} were still under their lease)")]
    public static partial void CallbacksGivenBack(this ILogger logger, int count, int released);

    [LoggerMessage(5008, LogLevel.Warning, "Giving back {Count} unsent callbacks failed; they come back when their leases end")]
    public static partial void GiveBackFailed(this ILogger logger, int count, Exception exception);

    [LoggerMessage(5009, LogLevel.Warning, "Callbacks to {Destination} are paused until {Until:O}: {Failures} attempts in a row failed")]
    public static partial void DestinationPaused(this ILogger logger, string destination, DateTime until, int failures);

    [LoggerMessage(5010, LogLevel.Information, "Callbacks to {Destination} resume: it answered again")]
    public static partial void DestinationResumed(this ILogger logger, string destination);
}
