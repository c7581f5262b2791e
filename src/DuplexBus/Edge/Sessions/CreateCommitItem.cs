using DuplexBus.Protocol.ReliableMessaging;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// One CreateSequence waiting for the next create commit. The outcome is the committed decision, or null when its
/// MessageID was taken meanwhile (the same CreateSequence arrived twice at once): then it is answered with the stored
/// sequence.
/// </summary>
internal sealed record CreateCommitItem(CreateSequenceRequest Request, CreateSequenceContext Context) : CommitQueueItem<RmDecision?>;
