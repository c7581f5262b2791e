using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Samples.Sagas;

/// <summary>The simulated back end (section <c>Samples:Work</c>).</summary>
public sealed class WorkOptions
{
    /// <summary>How long one unit of work takes; StartWork asks for <c>steps</c> of them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan UnitLength { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How many queues the saga's messages are spread over (by instance) on RabbitMQ, each applied one message at a
    /// time: instances in different partitions are applied in parallel. Read when the bus is configured.
    /// </summary>
    [Range(1, 1024)]
    public int SagaPartitions { get; set; } = 8;
}
