using DuplexBus.Callbacks;
using DuplexBus.Edge.Operations;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Runs the WS-RM destination for one message: lets <see cref="RmDestination"/> decide on the locked sequence,
/// commits the decision (sequence state, held messages, outbox rows, stored replies, parked messages) in one
/// transaction, and only then builds the answer, so an acknowledgement never claims more than is committed.
/// Anything slow — translating a body, resolving a callback host, a request-reply handler — runs before the
/// sequence is locked, never inside the transaction.
/// </summary>
internal sealed partial class ReliableSessionHandler(
    [FromKeyedServices(DuplexBusDatabase.Key)] DbContext db,
    IDatabaseDialect dialect,
    OutboxWriter outbox,
    OutboxSignal signal,
    GroupCommit groupCommit,
    CreateCommit createCommit,
    CallbackAddressGuard callbackGuard,
    IOptions<RmLimits> limits,
    TimeProvider time)
{
    private readonly RmLimits _limits = limits.Value;
    private readonly RmSessionStore _store = new(db, dialect);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<EdgeAnswer> HandleAsync(
        SoapService service, string endpointUri, SoapEnvelope envelope, RmInbound inbound, RmCaller caller, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (inbound.Request is CreateSequenceRequest create)
            return await CreateAsync(create, endpointUri, envelope, inbound.Version, caller, cancellationToken).ConfigureAwait(false);
        if (inbound.ClientFault is { } clientFault)
            return await ClientFaultAsync(clientFault, envelope, inbound.Version, caller, cancellationToken).ConfigureAwait(false);

        var identifier = IdentifierOf(inbound);
        if (identifier is null)
        {
            return inbound.Acknowledgements.IsEmpty
                ? Fault(envelope, SoapFaults.ActionNotSupported(envelope.Addressing, envelope.Action))
                : await StandaloneAcknowledgementsAsync(envelope, inbound, caller, cancellationToken).ConfigureAwait(false);
        }

        if (inbound is { Request: null, Sequence: { } header } && !inbound.IsLastMessageMarker(envelope.Action))
            return await ApplicationMessageAsync(service, envelope, inbound, header, caller, services, cancellationToken).ConfigureAwait(false);

        return await LockedStepAsync(identifier, envelope, inbound, caller, (sequence, now) => inbound switch
        {
            { Request: CloseSequenceRequest close } => Task.FromResult(Decided(RmDestination.Close(sequence, close, now, _limits))),
            { Request: TerminateSequenceRequest terminate } => Task.FromResult(Decided(RmDestination.Terminate(sequence, terminate, now, _limits))),
            { Sequence: { } last } => LastMessageAsync(sequence, last, now, cancellationToken),
            _ => Task.FromResult(Decided(RmDestination.AckRequested(sequence, now, _limits))),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A message whose WS-RM header was malformed in a way that ends its sequence: the sequence (when it is this
    /// client's) is terminated with the fault.
    /// </summary>
    public async Task<EdgeAnswer> EndOnFaultAsync(RmFaultedSequence faulted, SoapFault fault, SoapEnvelope envelope, RmCaller caller, CancellationToken cancellationToken)
    {
        var identifier = faulted.IsReplySequence
            ? await _store.FindByReplySequenceAsync(faulted.Identifier, caller, cancellationToken).ConfigureAwait(false)
            : faulted.Identifier;
        if (identifier is null)
            return Fault(envelope, fault);

        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var sequence = await _store.LoadForUpdateAsync(identifier, cancellationToken).ConfigureAwait(false);
        if (sequence is null || !caller.Owns(sequence) || sequence.Version != faulted.Version)
            return Fault(envelope, fault);
        var decision = RmDestination.Terminating(sequence, fault, Now, _limits);
        await CommitAsync(decision, sequence, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Fault(envelope, fault);
    }

    /// <summary>
    /// Loads and locks the sequence, refuses what it does not admit (terminating it when the refusal says so),
    /// checks the piggy-backed acknowledgements of the reply sequence, lets <paramref name="decide"/> decide, commits
    /// and answers. <paramref name="decide"/> runs inside the transaction: it must do no slow work.
    /// </summary>
    private async Task<EdgeAnswer> LockedStepAsync(
        string identifier, SoapEnvelope envelope, RmInbound inbound, RmCaller caller, Func<RmSequence, DateTime, Task<Step>> decide, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var loaded = await _store.LoadForUpdateAsync(identifier, cancellationToken).ConfigureAwait(false);
        if (!RmDestination.Admits(loaded, identifier, inbound.Version, envelope.Version, envelope.Addressing, caller, now, _limits, out var refusal))
            return await AnswerCommittedAsync(transaction, Decided(refusal), loaded, envelope, cancellationToken).ConfigureAwait(false);
        var sequence = loaded;

        foreach (var ack in inbound.Acknowledgements)
        {
            if (ack.Identifier != sequence.ReplySequenceId)
                return Fault(envelope, new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing).UnknownSequence(ack.Identifier));
            if (RmDestination.CheckAcknowledgement(sequence, ack, now, _limits) is { } invalid)
                return await AnswerCommittedAsync(transaction, Decided(invalid), sequence, envelope, cancellationToken).ConfigureAwait(false);
            await _store.DeleteAcknowledgedRepliesAsync(sequence.Id, ack.Ranges, cancellationToken).ConfigureAwait(false);
        }

        var step = await decide(sequence, now).ConfigureAwait(false);
        return await AnswerCommittedAsync(transaction, step, sequence, envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the step's decision, commits, and builds the answer (a fault that ends the sequence is committed too).</summary>
    private async Task<EdgeAnswer> AnswerCommittedAsync(
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Step step, RmSequence? sequence, SoapEnvelope envelope, CancellationToken cancellationToken)
    {
        var decision = step.Decision;
        if (sequence is not null)
        {
            sequence = await CommitAsync(decision, sequence, step.Payload, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (decision.Response is SendFault fault)
            return Fault(envelope, fault.Fault);
        return step.Reply is { } reply && !decision.Dropped
            ? Reply(envelope, sequence!, reply, (SendAck)decision.Response)
            : Answer(envelope, RmMessageWriter.Write(decision.Response, sequence, sequence?.Version ?? RmVersion.V10, envelope.Addressing));
    }

    /// <returns>The sequence as saved.</returns>
    private async Task<RmSequence> CommitAsync(RmDecision decision, RmSequence sequence, RmPayload? payload, CancellationToken cancellationToken)
    {
        var (delivered, state) = await DecisionWriter.WriteAsync(decision, sequence, payload, _store, outbox, Now, OutboxTrace.Current(), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (delivered > 0)
            signal.Notify();
        return state ?? sequence;
    }

    private static string? IdentifierOf(RmInbound inbound) => inbound switch
    {
        { Request: CloseSequenceRequest close } => close.Identifier,
        { Request: TerminateSequenceRequest terminate } => terminate.Identifier,
        { Sequence: { } sequence } => sequence.Identifier,
        { AckRequests.IsEmpty: false } => inbound.AckRequests[0].Identifier,
        _ => null,
    };

    private static EdgeAnswer Answer(SoapEnvelope envelope, RmOutgoing outgoing) =>
        outgoing.Status == 202
            ? new EdgeAnswer(202, null, Outcome: "accepted")
            : new EdgeAnswer(
                outgoing.Status,
                SoapMessageWriter.WriteMessage(envelope.Version, envelope.Addressing, outgoing.Action, envelope.MessageId, outgoing.Headers,
                    outgoing.Body is null ? null : writer => outgoing.Body.WriteTo(writer)),
                Outcome: "rm");

    private static EdgeAnswer Fault(SoapEnvelope envelope, SoapFault fault) =>
        new(500, SoapMessageWriter.WriteFault(fault, envelope.Version, envelope.Addressing, envelope.MessageId), fault, "fault");

    private static Step Decided(RmDecision decision) => new(decision, null, null);

    /// <param name="Payload">The message the decision delivers or holds, if any.</param>
    /// <param name="Reply">The reply on the offered sequence, if the message gets one.</param>
    private sealed record Step(RmDecision Decision, RmPayload? Payload, StoredReply? Reply);
}
