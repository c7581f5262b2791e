using Microsoft.Extensions.Logging;

namespace DuplexBus.Diagnostics.Gauges;

internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Warning, "The operational gauges could not be read; they report nothing until a reading succeeds")]
    public static partial void GaugeReadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(7002, LogLevel.Information, "The operational gauges are read again")]
    public static partial void GaugeReadRecovered(this ILogger logger);
}
