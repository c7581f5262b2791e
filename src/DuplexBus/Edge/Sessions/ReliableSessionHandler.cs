using DuplexBus.Callbacks;
using System.Xml.Linq;
using DuplexBus.Edge.Operations;
using DuplexBus.Edge.ReliableMessaging;
using DuplexBus.Edge.Soap;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Runs the WS-RM destination for one message: loads and locks the sequence, lets <see cref="RmDestination"/> decide,
/// commits the decision (sequence state, held messages, outbox rows, stored replies) in one transaction, and only
/// then builds the answer, so an acknowledgement never claims more than is committed.
/// </summary>
internal sealed partial class ReliableSessionHandler(
    DuplexBusDbContext db,
    IDatabaseDialect dialect,
    OutboxWriter outbox,
    OutboxSignal signal,
    GroupCommit groupCommit,
    CallbackAddressGuard callbackGuard,
    IOptions<RmLimits> limits,
    TimeProvider time)
{
    private readonly RmLimits _limits = limits.Value;
    private readonly RmSessionStore _store = new(db, dialect);

    public async Task<EdgeAnswer> HandleAsync(SoapService service, string endpointUri, SoapEnvelope envelope, RmInbound inbound, IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (inbound.Request is CreateSequenceRequest create)
            return await CreateAsync(create, endpointUri, envelope, inbound.Version, now, cancellationToken).ConfigureAwait(false);

        if (_limits.GroupCommit && await TryGroupCommitAsync(service, envelope, inbound, cancellationToken).ConfigureAwait(false) is { } committed)
            return committed;

        var identifier = IdentifierOf(inbound);
        var faults = new RmFaults(inbound.Version, envelope.Version, envelope.Addressing);
        if (identifier is null)
        {
            // A stand-alone acknowledgement of a reply sequence needs no answer beyond 202.
            return inbound.Acknowledgements.IsEmpty
                ? Fault(envelope, SoapFaults.ActionNotSupported(envelope.Addressing, envelope.Action))
                : new EdgeAnswer(202, null, Outcome: "ack-received");
        }

        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var sequence = await _store.LoadForUpdateAsync(identifier, cancellationToken).ConfigureAwait(false);
        if (!RmDestination.Admits(sequence, identifier, inbound.Version, envelope.Addressing, faults, out var refusal))
            return Fault(envelope, refusal);

        foreach (var ack in inbound.Acknowledgements)
        {
            if (ack.Identifier != sequence.ReplySequenceId)
                return Fault(envelope, faults.UnknownSequence(ack.Identifier));
            if (RmDestination.CheckAcknowledgement(sequence, ack) is { } invalid)
                return Fault(envelope, invalid);
        }

        var step = inbound switch
        {
            { Request: CloseSequenceRequest close } => Decided(RmDestination.Close(sequence, close, now, _limits)),
            { Request: TerminateSequenceRequest terminate } => Decided(RmDestination.Terminate(sequence, terminate, now, _limits)),
            { Sequence: { } header } => await ReceiveAsync(service, sequence, header, envelope, inbound, services, now, cancellationToken).ConfigureAwait(false),
            _ => Decided(RmDestination.AckRequested(sequence, now, _limits)),
        };
        if (step.Decision.Response is SendFault fault)
            return Fault(envelope, fault.Fault);

        var delivered = await DecisionWriter.WriteAsync(step.Decision, sequence, step.Message, _store, outbox, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (delivered > 0)
            signal.Notify();

        var state = step.Decision.State ?? sequence;
        return step.Reply is { } reply
            ? Reply(envelope, state, reply, (SendAck)step.Decision.Response)
            : Answer(envelope, RmMessageWriter.Write(step.Decision.Response, state, state.Version, envelope.Addressing));
    }

    /// <summary>A sequence message: an application message (one-way or request-reply) or 1.0's empty LastMessage.</summary>
    private async Task<Step> ReceiveAsync(
        SoapService service, RmSequence sequence, SequenceHeader header, SoapEnvelope envelope, RmInbound inbound,
        IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
        var replied = sequence.ReplySequenceId is not null;

        if (inbound.IsLastMessageMarker(envelope.Action))
        {
            var decision = RmDestination.Receive(sequence, header with { LastMessage = true }, now, _limits);
            if (!replied || decision.Response is SendFault)
                return new Step(decision, null, null);
            // 1.0 request-reply: the reply sequence answers with its own empty LastMessage.
            return await ReplyOnceAsync(sequence, header.MessageNumber, decision, () => Task.FromResult(new StoredReply(sequence.Version.LastMessageAction!, null, LastMessage: true)), cancellationToken)
                .ConfigureAwait(false);
        }

        var operation = service.Find(envelope.Action);
        if (operation is null)
            return Decided(RmDecision.Fault(SoapFaults.ActionNotSupported(envelope.Addressing, envelope.Action)));
        // Reliable sessions carry the context as a SOAP header (wsHttpContextBinding); the cookie form has no session.
        var body = service.BodyOf(operation, envelope, null, callbackGuard.Policy);

        switch (operation)
        {
            case OneWayOperation oneWay:
            {
                var (message, refused) = await oneWay.TranslateAsync(body, callbackGuard, envelope.Addressing, cancellationToken).ConfigureAwait(false);
                if (refused is not null)
                    return Decided(RmDecision.Fault(refused));
                var decision = RmDestination.Receive(sequence, header, now, _limits);
                return new Step(decision, (oneWay.MessageType, message!), null);
            }
            case RequestReplyOperation requestReply when replied:
            {
                if (sequence.Ordered && !sequence.Received.Contains(header.MessageNumber) && header.MessageNumber != sequence.DeliveredThrough + 1)
                {
                    // A request runs in its turn; out of turn it is left unacknowledged and the client sends it again.
                    return Decided(RmDestination.AckRequested(sequence, now, _limits) with { State = null });
                }
                if (body.Fault is { } malformedContext)
                    return Decided(RmDecision.Fault(malformedContext));
                var decision = RmDestination.Receive(sequence, header, now, _limits);
                return await ReplyOnceAsync(sequence, header.MessageNumber, decision, async () =>
                {
                    var result = await requestReply.HandleAsync(body, services, cancellationToken).ConfigureAwait(false);
                    if (body.Problem is { } problem)
                        throw new BodyMismatchException(SoapFaults.DeserializationFailed(requestReply.Name, problem));
                    return new StoredReply(requestReply.ReplyAction, ReplyBody(requestReply, result), LastMessage: false);
                }, cancellationToken).ConfigureAwait(false);
            }
            default:
                return Decided(RmDecision.Fault(faults.SequenceTerminated(sequence.Id, $"Operation {operation.Name} needs a reply, and this sequence has no offered reply sequence.")));
        }
    }

    /// <summary>
    /// The common case — a one-way application message on a sequence, carrying no acknowledgements — goes through
    /// the group commit; anything else (null) takes the one-transaction-per-message path.
    /// </summary>
    private async Task<EdgeAnswer?> TryGroupCommitAsync(SoapService service, SoapEnvelope envelope, RmInbound inbound, CancellationToken cancellationToken)
    {
        if (inbound is not { Request: null, Sequence: { } header, Acknowledgements.IsEmpty: true } || inbound.IsLastMessageMarker(envelope.Action))
            return null;
        if (service.Find(envelope.Action) is not OneWayOperation operation)
            return null;

        var body = service.BodyOf(operation, envelope, null, callbackGuard.Policy);
        var (message, refused) = await operation.TranslateAsync(body, callbackGuard, envelope.Addressing, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
            return Fault(envelope, refused);

        var item = new GroupCommitItem(header, inbound.Version, envelope.Version, envelope.Addressing, operation.MessageType, message!);
        var result = await groupCommit.SubmitAsync(item, cancellationToken).ConfigureAwait(false);
        return result.Decision.Response is SendFault fault
            ? Fault(envelope, fault.Fault)
            : Answer(envelope, RmMessageWriter.Write(result.Decision.Response, result.Sequence, inbound.Version, envelope.Addressing));
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

    private sealed record Step(RmDecision Decision, (Type Type, object Message)? Message, StoredReply? Reply);
}
