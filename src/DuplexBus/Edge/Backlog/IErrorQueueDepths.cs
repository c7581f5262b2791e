namespace DuplexBus.Edge.Backlog;

/// <summary>How many messages wait in the error queues of the queues this host consumes, counted at the broker.</summary>
public interface IErrorQueueDepths
{
    /// <summary>Each error queue's depth, or null when they cannot be counted now (the broker is away).</summary>
    Task<IReadOnlyDictionary<string, long>?> CountErrorQueuesAsync(CancellationToken cancellationToken);
}
