using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>Limits of the WS-RM destination (configuration section <c>DuplexBus:ReliableMessaging</c>).</summary>
public sealed class RmLimits
{
    /// <summary>Open sequences at most; beyond it CreateSequence is refused with netrm:ConnectionLimitReached (B1503).</summary>
    [Range(1, 10_000_000)]
    public int MaxOpenSequences { get; set; } = 100_000;

    /// <summary>
    /// Open sequences one client may have at most (an authenticated identity, or a network address when the endpoint
    /// does not authenticate); beyond it its CreateSequence is refused like the endpoint-wide limit.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxOpenSequencesPerClient { get; set; } = 1_000;

    /// <summary>Bytes of out-of-order messages held per ordered sequence; a message that would exceed it is dropped unacknowledged.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxHeldBytesPerSequence { get; set; } = 8 * 1024 * 1024;

    /// <summary>What becomes of acknowledged messages held behind a gap when their ordered sequence ends.</summary>
    public IncompleteSequenceBehavior IncompleteSequenceBehavior { get; set; } = IncompleteSequenceBehavior.NoDiscard;

    /// <summary>Out-of-order messages held per ordered sequence; also what BufferRemaining counts down from (B4003).</summary>
    [Range(1, 4096)]
    public int MaxHeldPerSequence { get; set; } = 64;

    /// <summary>Most separate ranges a sequence may acknowledge; a message that would add more is dropped unacknowledged.</summary>
    [Range(8, 65_536)]
    public int MaxAckRanges { get; set; } = 256;

    /// <summary>Deliver each sequence's messages in message-number order (WCF's default, Ordered = true).</summary>
    public bool Ordered { get; set; } = true;

    /// <summary>
    /// Commit concurrent one-way sequence messages together (group commit). Off: one transaction per message.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Most messages in one group commit.</summary>
    [Range(1, 4096)]
    public int MaxGroupCommit { get; set; } = 128;

    /// <summary>A sequence idle this long is terminated (WCF's default InactivityTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Closed, terminated and expired sequences are deleted after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);
}
