using Microsoft.Extensions.Logging;

namespace DuplexBus.Edge.Backlog;

internal static partial class Log
{
    [LoggerMessage(1301, LogLevel.Information, "{Queued} messages wait in the consumed queues (limit {Limit}): the edge holds new one-way messages back for up to {MaxWait} each")]
    public static partial void BacklogClosed(this ILogger logger, long queued, int limit, TimeSpan maxWait);

    [LoggerMessage(1302, LogLevel.Information, "{Queued} messages wait in the consumed queues (limit {Limit}): the edge takes messages without holding them")]
    public static partial void BacklogOpened(this ILogger logger, long queued, int limit);

    [LoggerMessage(1304, LogLevel.Warning, "The consumed queues could not be counted; the edge takes messages without holding them until they can")]
    public static partial void BacklogUncounted(this ILogger logger, Exception? exception);
}
