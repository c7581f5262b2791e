using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Outbox;

public sealed class OutboxOptions
{
    /// <summary>Rows published per relay transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Publishes awaiting the broker's confirm at once, within one batch. Rows of one instance or one sequence are
    /// always published one after another in commit order; 1 publishes every row in commit order.
    /// </summary>
    [Range(1, 1_000)]
    public int PublishConcurrency { get; set; } = 32;

    /// <summary>How often the relay looks for rows it was not woken for (other processes, crash leftovers).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between looks while the relay finds nothing: each empty pass in a row doubles the wait from
    /// <see cref="PollInterval"/> up to this. Rows this host commits wake the relay at once whatever the wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after a failed publish before the relay tries again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause after failures in a row (the pause doubles from <see cref="RetryDelay"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one publish may wait for the broker's confirm before the batch is retried. It also bounds how long
    /// a relay whose host vanished can keep the relay turn: the database ends its transaction after this plus 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Tries of a row this host cannot read (type not registered, body does not deserialize) before it is parked.
    /// Until then the rows behind it wait.
    /// </summary>
    [Range(1, 100)]
    public int MaxRowAttempts { get; set; } = 3;
}
