namespace DuplexBus.Configuration;

/// <summary>
/// The defaults <c>AddDuplexBusOutbox</c> gives every receive endpoint of the application's bus. Each can be turned
/// off, for an application that configures the same concern itself (its own retry, classic queues).
/// </summary>
public sealed class BusDefaultsOptions
{
    /// <summary>
    /// Transient failures retried in place for as long as they last, other failures tried a few times and then
    /// parked (timings from <c>DuplexBus:Consumers</c>). Off: the endpoints get only what the application adds, and a
    /// failed message goes to MassTransit's <c>_error</c> queue instead of the parked-message table.
    /// </summary>
    public bool RetryAndPark { get; set; } = true;

    /// <summary>RabbitMQ receive endpoints are quorum queues (replicated, durable). Off: RabbitMQ's classic queues.</summary>
    public bool QuorumQueues { get; set; } = true;
}
