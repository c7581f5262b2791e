using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Persistence;

/// <summary>How long finished rows are kept (configuration section <c>DuplexBus:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Sent outbox rows are kept this long, for audit and diagnosis. Unsent rows are never deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan SentOutboxMessages { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Inbox marks are kept this long; a redelivery older than this would be applied again, so keep it well past
    /// the longest time a message can wait in the broker or be retried.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan InboxMarks { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Delivered callbacks are kept this long, for audit. Pending callbacks are never deleted, and dead-lettered ones
    /// stay until they are replayed and delivered, so nothing a client is owed disappears.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan DeliveredCallbacks { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows deleted per statement, so cleanup never holds long locks.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;
}
