using Microsoft.Extensions.Logging;

namespace DuplexBus.Outbox;

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Debug, "Relayed {Count} outbox messages")]
    public static partial void Relayed(this ILogger logger, int count);

    [LoggerMessage(3002, LogLevel.Warning, "Publishing outbox message {MessageId} (seq {Seq}) failed; the batch is retried")]
    public static partial void PublishFailed(this ILogger logger, Guid messageId, long seq, Exception exception);

    [LoggerMessage(3003, LogLevel.Error, "Outbox message {MessageId} has type {MessageType}, which is not registered; it stays unsent")]
    public static partial void UnknownType(this ILogger logger, Guid messageId, string messageType);

    [LoggerMessage(3004, LogLevel.Warning, "The outbox relay pass failed; retrying")]
    public static partial void PassFailed(this ILogger logger, Exception exception);
}
