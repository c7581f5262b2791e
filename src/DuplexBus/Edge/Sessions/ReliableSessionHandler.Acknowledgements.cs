using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>Messages about the reply sequence: stand-alone acknowledgements, and faults the client reports.</summary>
internal sealed partial class ReliableSessionHandler
{
    /// <summary>
    /// A stand-alone SequenceAcknowledgement of the reply sequence, checked like a piggy-backed one: an unknown
    /// sequence is UnknownSequence, an acknowledgement of replies never sent InvalidAcknowledgement (which ends the
    /// sequence). Acknowledged stored replies are deleted. Answered with 202.
    /// </summary>
    private async Task<EdgeAnswer> StandaloneAcknowledgementsAsync(SoapEnvelope envelope, RmInbound inbound, RmCaller caller, CancellationToken cancellationToken)
    {
        var replyId = inbound.Acknowledgements[0].Identifier;
        var identifier = await _store.FindByReplySequenceAsync(replyId, caller, cancellationToken).ConfigureAwait(false);
        if (identifier is null)
            return Fault(envelope, new RmFaults(inbound.Version, envelope.Version, envelope.Addressing).UnknownSequence(replyId));

        var answer = await LockedStepAsync(identifier, envelope, inbound, caller, (sequence, now) =>
            Task.FromResult(Decided(new RmDecision(null, [], new SendNothing()))), cancellationToken).ConfigureAwait(false);
        return answer.Fault is null ? answer with { Outcome = "ack-received" } : answer;
    }

    /// <summary>
    /// A fault the client reports (WCF sends SequenceTerminated when it gives up on a sequence): the sequence it
    /// names — a sequence of this endpoint, or the reply sequence the client offered — and its partner end, and the
    /// fault, a one-way message, is answered with 202. A fault about no sequence of this client changes nothing.
    /// </summary>
    private async Task<EdgeAnswer> ClientFaultAsync(RmClientFault fault, SoapEnvelope envelope, RmVersion rm, RmCaller caller, CancellationToken cancellationToken)
    {
        if (fault.Identifier is not { } named)
            return new EdgeAnswer(202, null, Outcome: "client-fault");

        var peeked = await _store.PeekAsync(named, cancellationToken).ConfigureAwait(false);
        var identifier = peeked is not null && caller.Owns(peeked)
            ? named
            : await _store.FindByReplySequenceAsync(named, caller, cancellationToken).ConfigureAwait(false);
        if (identifier is null)
            return new EdgeAnswer(202, null, Outcome: "client-fault");

        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var sequence = await _store.LoadForUpdateAsync(identifier, cancellationToken).ConfigureAwait(false);
        if (sequence is not null && caller.Owns(sequence) && sequence.Version == rm)
        {
            await CommitAsync(RmDestination.ClientFault(sequence, Now, _limits), sequence, null, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new EdgeAnswer(202, null, Outcome: "client-fault");
    }
}
