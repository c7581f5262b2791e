using Microsoft.Extensions.Logging;

namespace DuplexBus.Edge.Security;

internal static partial class Log
{
    [LoggerMessage(1201, LogLevel.Debug, "Authenticated {Name} at {Path} by {AuthenticationType}")]
    public static partial void Authenticated(this ILogger logger, string path, string? name, string? authenticationType);

    [LoggerMessage(1202, LogLevel.Information, "Refused a request to {Path} with HTTP {Status}: {Reason}")]
    public static partial void Refused(this ILogger logger, string path, int status, string? reason);

    [LoggerMessage(1203, LogLevel.Information, "Refused the {Token} to {Path}: {Fault}")]
    public static partial void TokenRefused(this ILogger logger, string path, string token, string fault);
}
