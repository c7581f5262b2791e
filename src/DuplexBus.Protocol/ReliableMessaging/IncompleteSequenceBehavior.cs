namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>
/// What happens to acknowledged messages of an ordered sequence that ends with a gap before them (WS-RM 1.1's
/// IncompleteSequenceBehavior, announced in CreateSequenceResponse). They were acknowledged, so they are never
/// dropped silently: they are applied after all, or parked where an operator sees them.
/// </summary>
public enum IncompleteSequenceBehavior
{
    /// <summary>Apply them in number order, past the gap that can no longer fill.</summary>
    NoDiscard,

    /// <summary>Do not apply what follows the first gap: park it, reported, for an operator to replay or drop.</summary>
    DiscardFollowingFirstGap,
}
