using System.Xml.Linq;
using DuplexBus.Edge.Operations;
using DuplexBus.Edge.ReliableMessaging;
using DuplexBus.Edge.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>Replies on the offered sequence: made once, stored, resent unchanged for a resent request.</summary>
internal sealed partial class ReliableSessionHandler
{
    /// <summary>A request's reply is made once and stored; a resent request gets the stored reply again.</summary>
    private async Task<Step> ReplyOnceAsync(RmSequence sequence, long requestNumber, RmDecision decision, Func<Task<StoredReply>> makeReply, CancellationToken cancellationToken)
    {
        if (decision.Response is SendFault)
            return new Step(decision, null, null);
        var stored = await _store.FindReplyAsync(sequence.Id, requestNumber, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
            return new Step(decision, null, new StoredReply(stored.Action, stored.Body.Length == 0 ? null : XElement.Parse(stored.Body), stored.Action == sequence.Version.LastMessageAction) { Number = stored.ReplyNumber });

        StoredReply reply;
        try
        {
            reply = await makeReply().ConfigureAwait(false);
        }
        catch (BodyMismatchException e)
        {
            return Decided(RmDecision.Fault(e.Fault));
        }
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

    private static XElement ReplyBody(RequestReplyOperation operation, object? result)
    {
        var document = new XDocument();
        using (var writer = document.CreateWriter())
            operation.WriteReply(writer, result);
        return document.Root!;
    }

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
        return new EdgeAnswer(200, bytes, Outcome: "reply");
    }

    private sealed record StoredReply(string Action, XElement? Body, bool LastMessage)
    {
        public long Number { get; init; }
    }

    private sealed class BodyMismatchException(SoapFault fault) : Exception(fault.Reason)
    {
        public SoapFault Fault { get; } = fault;
    }
}
