using Microsoft.Extensions.Logging;

namespace DuplexBus.Sagas;

internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Debug, "Saga {Saga} already applied message {MessageId}; dropped as a duplicate")]
    public static partial void Duplicate(this ILogger logger, string saga, Guid messageId);
}
