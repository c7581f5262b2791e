using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Resilience;

/// <summary>Configuration section <c>DuplexBus:Consumers</c>: how sagas and consumers ride out failures.</summary>
public sealed class ConsumerRetryOptions
{
    /// <summary>First wait after a transient failure (database or broker down, a lost race); doubles, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between tries of a transient failure. Transient failures are retried for as long as they last.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Quick tries after any other failure before the message is parked.</summary>
    [Range(0, 10)]
    public int PermanentFailureRetries { get; set; } = 2;
}
