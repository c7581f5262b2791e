using System.Xml.Linq;
using DuplexBus.Edge.Operations;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Security;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>Application messages on a sequence: one-way ones to the outbox, request-reply ones answered on the reply sequence.</summary>
internal sealed partial class ReliableSessionHandler
{
    private async Task<EdgeAnswer> ApplicationMessageAsync(
        SoapService service, SoapEnvelope envelope, RmInbound inbound, SequenceHeader header, RmCaller caller, IServiceProvider services, CancellationToken cancellationToken)
    {
        var operation = service.Find(envelope.Action);
        if (operation is RequestReplyOperation requestReply)
            return await RequestAsync(service, requestReply, envelope, inbound, header, caller, services, cancellationToken).ConfigureAwait(false);

        var oneWay = operation as OneWayOperation;
        var read = oneWay is null ? default : service.Read(oneWay, envelope, null, callbackGuard.Policy);
        var translated = read.Call is not null;
        var refused = read.Fault;
        var message = read.Call is { } call ? oneWay!.ToMessage(call) : null;

        if (!translated || read.Call!.Callback is not null)
        {
            // A resend of a message already taken is answered from the sequence as it is, before anything about the
            // message is judged again: a callback host whose address or allow-list changed since must not turn an
            // acknowledged message into a fault.
            if (await DuplicateAsync(envelope, inbound, header, caller, cancellationToken).ConfigureAwait(false) is { } duplicate)
                return duplicate;
            if (translated && read.Call!.Callback is { } callback)
            {
                var check = await callbackGuard.CheckResolvedAsync(callback.Address, cancellationToken).ConfigureAwait(false);
                if (!check.Allowed)
                    (translated, refused) = (false, SoapFaults.CallbackAddressRefused(envelope.Addressing, callback.Address, check.Reason ?? "not allowed"));
            }
        }

        RmPayload payload = translated
            ? Serialized(oneWay!, message!)
            : new UnappliablePayload(envelope.Action ?? "", Parkable(envelope), refused?.Reason ?? $"No operation of this endpoint has the action '{envelope.Action}'.");

        if (_limits.GroupCommit && inbound.Acknowledgements.IsEmpty)
        {
            var item = new GroupCommitItem(header, inbound.Version, envelope.Version, envelope.Addressing, caller, payload);
            var result = await groupCommit.SubmitAsync(item, cancellationToken).ConfigureAwait(false);
            return result.Decision.Response is SendFault fault
                ? Fault(envelope, fault.Fault)
                : Answer(envelope, RmMessageWriter.Write(result.Decision.Response, result.Sequence, inbound.Version, envelope.Addressing));
        }

        return await LockedStepAsync(header.Identifier, envelope, inbound, caller, (sequence, now) =>
            Task.FromResult(new Step(RmDestination.Receive(sequence, header, now, _limits, payload.Bytes), payload, null)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The answer to a message whose number the sequence already holds, read without locking; null when it is new
    /// (or the sequence refuses it: the locked step gives that answer).
    /// </summary>
    private async Task<EdgeAnswer?> DuplicateAsync(SoapEnvelope envelope, RmInbound inbound, SequenceHeader header, RmCaller caller, CancellationToken cancellationToken)
    {
        var sequence = await _store.PeekAsync(header.Identifier, cancellationToken).ConfigureAwait(false);
        if (!RmDestination.Admits(sequence, header.Identifier, inbound.Version, envelope.Version, envelope.Addressing, caller, Now, _limits, out _)
            || sequence.Status == RmSequenceStatus.Terminated
            || !sequence.Received.Contains(header.MessageNumber)
            || !inbound.Acknowledgements.IsEmpty)
        {
            return null;
        }
        var decision = RmDestination.Receive(sequence, header, Now, _limits);
        return Answer(envelope, RmMessageWriter.Write(decision.Response, sequence, sequence.Version, envelope.Addressing));
    }

    private ContractPayload Serialized(OneWayOperation operation, object message)
    {
        var (type, body) = outbox.Serialize(message, operation.MessageType);
        return new ContractPayload(type, body);
    }

    /// <summary>The envelope as it came, to be parked: without security headers, which may hold credentials.</summary>
    private static string Parkable(SoapEnvelope envelope)
    {
        if (envelope.Element is not { } element)
            return envelope.Body?.ToString(SaveOptions.DisableFormatting) ?? "";
        var copy = new XElement(element);
        copy.Elements().Where(e => e.Name.LocalName == "Header").Elements()
            .Where(h => h.Name.Namespace == WsSecurityNames.Wsse || h.Name.Namespace == WsSecurityNames.Wsse11).Remove();
        return copy.ToString(SaveOptions.DisableFormatting);
    }
}
