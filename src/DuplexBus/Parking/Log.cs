using Microsoft.Extensions.Logging;

namespace DuplexBus.Parking;

internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Error, "Parked message {MessageId} ({MessageType}) from {Source}: it cannot succeed as it is; replay it with `parked replay` once the cause is fixed")]
    public static partial void Parked(this ILogger logger, string source, Guid messageId, string messageType, Exception exception);
}
