using Microsoft.Extensions.Logging;

namespace DuplexBus.Sagas;

internal static partial class Log
{
    [LoggerMessage(4006, LogLevel.Debug, "Saga {Saga} applied message {MessageId}")]
    public static partial void Applied(this ILogger logger, string saga, Guid messageId);

    [LoggerMessage(4001, LogLevel.Debug, "Saga {Saga} already applied message {MessageId}; dropped as a duplicate")]
    public static partial void Duplicate(this ILogger logger, string saga, Guid messageId);

    [LoggerMessage(4002, LogLevel.Information, "Saga endpoint {Endpoint} consumes from {Partitions} partitions behind the consistent-hash exchange {Exchange}")]
    public static partial void PartitionsConnected(this ILogger logger, string endpoint, int partitions, string exchange);

    [LoggerMessage(4003, LogLevel.Warning, "Saga endpoint {Endpoint} did not start; trying again (on RabbitMQ, partitions need the rabbitmq_consistent_hash_exchange plugin)")]
    public static partial void PartitionFailed(this ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(4004, LogLevel.Warning, "Renewing the saga partition leases failed; the partitions in hand are kept")]
    public static partial void LeaseRoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(4007, LogLevel.Information, "The channel of saga partition {Queue} was closed under the close that gave the partition back ({Reason})")]
    public static partial void PartitionChannelGone(this ILogger logger, string queue, string reason);

    [LoggerMessage(4005, LogLevel.Debug, "Host {Owner} holds {Held} of {Partitions} saga partitions ({Hosts} hosts live)")]
    public static partial void PartitionsHeld(this ILogger logger, string owner, int held, int partitions, int hosts);
}
