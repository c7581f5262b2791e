using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>One one-way sequence message waiting for the next group commit.</summary>
internal sealed record GroupCommitItem(
    SequenceHeader Header,
    RmVersion Version,
    SoapVersion Soap,
    AddressingVersion Addressing,
    RmCaller Caller,
    RmPayload Payload) : CommitQueueItem<GroupCommitResult>;

/// <summary>The committed decision for one item, and the sequence state its answer is written from.</summary>
internal sealed record GroupCommitResult(RmDecision Decision, RmSequence? Sequence);
