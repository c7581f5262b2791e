using Microsoft.Extensions.Logging;

namespace DuplexBus.Edge;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Accepted {Operation} as {Outcome}")]
    public static partial void Accepted(this ILogger logger, string operation, Ingress.IngressOutcome outcome);

    [LoggerMessage(1007, LogLevel.Debug, "Answered {Action} in its reliable session: {Outcome}")]
    public static partial void AnsweredInSession(this ILogger logger, string action, string outcome);

    [LoggerMessage(1002, LogLevel.Information, "Answered {Path} with fault {Fault}: {Reason}")]
    public static partial void Faulted(this ILogger logger, string path, string fault, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "A client sent a fault to {Path} (action {Action}): {Fault}")]
    public static partial void ClientFault(this ILogger logger, string path, string action, string fault);

    [LoggerMessage(1003, LogLevel.Error, "Processing {Operation} failed; the client gets a fault")]
    public static partial void Failed(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(1006, LogLevel.Information, "Gave up reading a request to {Path}: {Reason}")]
    public static partial void BodyUnreadable(this ILogger logger, string path, string reason);

    [LoggerMessage(1005, LogLevel.Warning, "Storing {Action} failed on a passing fault; it is left unacknowledged for the client to resend in its sequence")]
    public static partial void LeftForRetransmission(this ILogger logger, string action, Exception exception);
}
