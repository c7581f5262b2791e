using System.Xml.Linq;
using DuplexBus.Edge.Operations;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Requests on a request-reply sequence. The handler runs before the sequence is locked, never inside the
/// transaction; its reply (or the fault the request deserves) is then stored with the request's acknowledgement, and
/// a resent request gets the stored reply again, with the same reply-sequence number.
/// </summary>
internal sealed partial class ReliableSessionHandler
{
    private async Task<EdgeAnswer> RequestAsync(
        SoapService service, RequestReplyOperation operation, SoapEnvelope envelope, RmInbound inbound, SequenceHeader header, RmCaller caller,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var peeked = await _store.PeekAsync(header.Identifier, cancellationToken).ConfigureAwait(false);
        if (RmDestination.Admits(peeked, header.Identifier, inbound.Version, envelope.Version, envelope.Addressing, caller, Now, _limits, out _)
            && peeked.Status != RmSequenceStatus.Terminated && peeked.ReplySequenceId is not null)
        {
            if (peeked.Ordered && !peeked.Received.Contains(header.MessageNumber) && header.MessageNumber != peeked.DeliveredThrough + 1)
            {
                // A request runs in its turn; out of turn it is neither executed nor acknowledged: the client sends it again.
                var ack = RmDestination.AckRequested(peeked, Now, _limits);
                return Answer(envelope, RmMessageWriter.Write(ack.Response, peeked, peeked.Version, envelope.Addressing));
            }
        }

        // Made before the lock: a slow handler holds up nobody else. A request resent meanwhile may run it twice;
        // only the first reply is stored and sent, so the client sees one.
        StoredReply? made = null;
        if (peeked is { ReplySequenceId: not null } && !peeked.Received.Contains(header.MessageNumber))
            made = await MakeReplyAsync(service, operation, envelope, services, cancellationToken).ConfigureAwait(false);

        return await LockedStepAsync(header.Identifier, envelope, inbound, caller, async (sequence, now) =>
        {
            if (sequence.ReplySequenceId is null)
            {
                var faults = new RmFaults(sequence.Version, sequence.Soap, sequence.Addressing);
                return Decided(RmDestination.Terminating(sequence, faults.SequenceTerminated(sequence.Id, $"Operation {operation.Name} needs a reply, and this sequence has no offered reply sequence."), now, _limits));
            }
            var decision = RmDestination.Receive(sequence, header, now, _limits);
            if (sequence.Ordered && !sequence.Received.Contains(header.MessageNumber) && header.MessageNumber != sequence.DeliveredThrough + 1)
                decision = RmDestination.AckRequested(sequence, now, _limits) with { State = null, Dropped = true };
            if (decision.Response is SendFault || decision.Dropped)
                return Decided(decision);
            if (await StoredReplyAsync(sequence, header.MessageNumber, cancellationToken).ConfigureAwait(false) is { } stored)
                return new Step(decision, null, stored);
            if (made is null)
                return Decided(decision with { State = null, Dropped = true }); // taken meanwhile but not stored: left for a resend
            return StoreReply(sequence, header.MessageNumber, decision, made);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>1.0 request-reply: the reply sequence answers LastMessage with its own empty LastMessage.</summary>
    private async Task<Step> LastMessageAsync(RmSequence sequence, SequenceHeader header, DateTime now, CancellationToken cancellationToken)
    {
        var decision = RmDestination.Receive(sequence, header with { LastMessage = true }, now, _limits);
        if (sequence.ReplySequenceId is null || decision.Response is SendFault || decision.Dropped)
            return Decided(decision);
        if (await StoredReplyAsync(sequence, header.MessageNumber, cancellationToken).ConfigureAwait(false) is { } stored)
            return new Step(decision, null, stored);
        return StoreReply(sequence, header.MessageNumber, decision, new StoredReply(sequence.Version.LastMessageAction!, null, LastMessage: true));
    }

    /// <summary>
    /// Runs the handler. A body that does not match the operation, or a handler that fails, is answered with the
    /// fault as the reply — WCF's dispatcher does the same — so the request is acknowledged and not sent forever.
    /// </summary>
    private async Task<StoredReply> MakeReplyAsync(
        SoapService service, RequestReplyOperation operation, SoapEnvelope envelope, IServiceProvider services, CancellationToken cancellationToken)
    {
        var read = service.Read(operation, envelope, null, callbackGuard.Policy);
        if (read.Call is not { } call)
            return FaultReply(envelope, read.Fault!);
        var reply = await operation.HandleAsync(call, services, cancellationToken).ConfigureAwait(false);
        return reply.Fault is { } declared
            ? FaultReply(envelope, declared)
            : new StoredReply(reply.Action!, reply.Body, LastMessage: false);
    }

    private static StoredReply FaultReply(SoapEnvelope envelope, SoapFault fault) =>
        new(fault.Action ?? envelope.Addressing.DefaultFaultAction ?? "", SoapMessageWriter.FaultElement(fault, envelope.Version), LastMessage: false);

    private async Task<StoredReply?> StoredReplyAsync(RmSequence sequence, long requestNumber, CancellationToken cancellationToken)
    {
        var stored = await _store.FindReplyAsync(sequence.Id, requestNumber, cancellationToken).ConfigureAwait(false);
        if (stored is null)
            return null;
        var body = stored.Body.Length == 0 ? null : XElement.Parse(stored.Body);
        return new StoredReply(stored.Action, body, stored.Action == sequence.Version.LastMessageAction) { Number = stored.ReplyNumber };
    }

    private Step StoreReply(RmSequence sequence, long requestNumber, RmDecision decision, StoredReply reply)
    {
        var state = (decision.State ?? sequence) with { RepliesSent = (decision.State ?? sequence).RepliesSent + 1 };
        reply = reply with { Number = state.RepliesSent };
        _store.AddReply(new RmReplyRow
        {
            SequenceId = sequence.Id,
            RequestNumber = requestNumber,
            ReplyNumber = reply.Number,
            Action = reply.Action,
            Body = reply.Body?.ToString(SaveOptions.DisableFormatting) ?? "",
        });
        return new Step(decision with { State = state }, null, reply);
    }

    /// <summary>The reply on the offered sequence, with the acknowledgement of the request sequence; a fault reply goes with 500.</summary>
    private static EdgeAnswer Reply(SoapEnvelope envelope, RmSequence sequence, StoredReply reply, SendAck ack)
    {
        var rm = sequence.Version;
        var headers = new[]
        {
            RmMessageWriter.SequenceHeader(rm, envelope.Version, sequence.ReplySequenceId!, reply.Number, reply.LastMessage),
            RmMessageWriter.AckHeader(rm, ack),
        };
        var bytes = SoapMessageWriter.WriteMessage(envelope.Version, envelope.Addressing, reply.Action, envelope.MessageId, headers,
            reply.Body is null ? null : writer => reply.Body.WriteTo(writer));
        var isFault = reply.Body?.Name == envelope.Version.Namespace + "Fault";
        return new EdgeAnswer(isFault ? 500 : 200, bytes, Outcome: isFault ? "fault-reply" : "reply");
    }

    private sealed record StoredReply(string Action, XElement? Body, bool LastMessage)
    {
        public long Number { get; init; }
    }
}
