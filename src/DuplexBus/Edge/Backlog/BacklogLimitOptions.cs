using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Edge.Backlog;

/// <summary>
/// How far the edge may run ahead of the consumers behind it (configuration section <c>DuplexBus:Edge:BacklogLimit</c>).
/// Active only where a queue-depth source is registered (<c>AddDuplexBusBacklogLimit</c>).
/// </summary>
public sealed class BacklogLimitOptions
{
    /// <summary>
    /// Messages waiting in the queues this host consumes (all of them together) above which the edge holds new
    /// one-way messages back; 0 switches the limit off. Messages a consumer has already taken ahead (its prefetch)
    /// do not count.
    /// </summary>
    [Range(0, 100_000_000)]
    public int MaxQueuedMessages { get; set; } = 1_000;

    /// <summary>
    /// Longest a message is held while the queues are over the limit; then it is accepted anyway, so a stalled
    /// consumer slows the edge down to a trickle without ever faulting a client's session.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the queues are counted while the edge takes messages (never while it is idle).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
