namespace DuplexBus.Host;

internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Information, "DuplexBus host: {Mode}")]
    public static partial void Starting(this ILogger logger, string mode);
}
