using Microsoft.Extensions.Logging;

namespace DuplexBus.Outbox;

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Debug, "Relayed {Count} outbox messages")]
    public static partial void Relayed(this ILogger logger, int count);

    [LoggerMessage(3002, LogLevel.Warning, "Publishing outbox message {MessageId} (seq {Seq}) failed; it and the later messages of its instance and sequence are retried")]
    public static partial void PublishFailed(this ILogger logger, Guid messageId, long seq, Exception exception);

    [LoggerMessage(3007, LogLevel.Warning, "Publishing {Count} more outbox messages of the same batch failed as well; they are retried")]
    public static partial void MorePublishesFailed(this ILogger logger, int count);

    [LoggerMessage(3003, LogLevel.Warning, "Outbox message {MessageId} (seq {Seq}) cannot be read (attempt {Attempts}): {Problem}; later messages wait behind it")]
    public static partial void RowUnreadable(this ILogger logger, Guid messageId, long seq, int attempts, string problem);

    [LoggerMessage(3005, LogLevel.Error, "Parked outbox message {MessageId} ({MessageType}) after {Attempts} attempts: {Reason}. Later messages are relayed past it")]
    public static partial void ParkedFromOutbox(this ILogger logger, Guid messageId, string messageType, int attempts, string reason);

    [LoggerMessage(3004, LogLevel.Warning, "The outbox relay pass failed; retrying")]
    public static partial void PassFailed(this ILogger logger, Exception exception);

    [LoggerMessage(3006, LogLevel.Error, "The relay waits: {Gate} could not prepare the bus; trying again")]
    public static partial void GateFailed(this ILogger logger, string gate, Exception exception);
}
