using Microsoft.Extensions.Logging;

namespace DuplexBus.OperatorConsole;

internal static partial class Log
{
    [LoggerMessage(8001, LogLevel.Information, "Console: {Administrator} from {Remote} replayed {Replayed} of {Asked} parked messages ({Ids})")]
    public static partial void ParkedReplayed(this ILogger logger, string administrator, string remote, int replayed, int asked, string ids);

    [LoggerMessage(8002, LogLevel.Information, "Console: {Administrator} from {Remote} replayed {Replayed} of {Asked} dead-lettered callbacks ({Ids})")]
    public static partial void CallbacksReplayed(this ILogger logger, string administrator, string remote, int replayed, int asked, string ids);

    [LoggerMessage(8003, LogLevel.Warning, "Console: refused {Remote}: {Reason}")]
    public static partial void Refused(this ILogger logger, string remote, string reason);
}
