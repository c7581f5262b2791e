namespace DuplexBus.Edge.Backlog;

/// <summary>How many messages wait in the queues this host consumes, counted at the broker.</summary>
public interface IQueueDepthSource
{
    /// <summary>The sum over the queues, or null when they cannot be counted now (the broker is away).</summary>
    Task<long?> CountAsync(CancellationToken cancellationToken);
}
