using System.Globalization;
using DuplexBus.Edge.Ingress;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Outbox;
using DuplexBus.Parking;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Writes one destination decision into the open transaction: outbox rows for delivered messages (held ones in
/// number order), held rows for early ones, parked rows for what cannot be applied, and the new sequence state.
/// </summary>
internal static class DecisionWriter
{
    private static readonly Guid MessageIdNamespace = new("a3c6f0f4-27a2-4d57-8f1c-6f1f6f3e9b52");

    /// <param name="payload">The incoming message, or null for one without effect (1.0 LastMessage, a protocol message).</param>
    /// <param name="traceParent">The trace of the request that brought it: what it delivers, held messages too, continues it.</param>
    /// <returns>How many outbox rows were added, and the sequence as saved (null when unchanged).</returns>
    public static async Task<(int Delivered, RmSequence? State)> WriteAsync(
        RmDecision decision, RmSequence sequence, RmPayload? payload, RmSessionStore store, OutboxWriter outbox, DateTime now, string? traceParent, CancellationToken cancellationToken)
    {
        var delivered = 0;
        long released = 0;
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case DeliverMessage deliver when payload is ContractPayload message:
                    Publish(outbox, sequence, message.MessageType, message.Body, deliver.Number, traceParent);
                    delivered++;
                    break;
                case DeliverMessage deliver when payload is UnappliablePayload unappliable:
                    store.Park(Parked(sequence, deliver.Number, unappliable, now));
                    break;
                case HoldMessage hold when payload is UnappliablePayload unappliable:
                    // Parked now; the empty held row keeps its number's turn.
                    store.Park(Parked(sequence, hold.Number, unappliable, now));
                    store.Hold(sequence.Id, hold.Number, null, null);
                    break;
                case HoldMessage hold:
                    var held = payload as ContractPayload;
                    store.Hold(sequence.Id, hold.Number, held?.MessageType, held?.Body);
                    break;
                case DeliverHeld range:
                    foreach (var row in await store.TakeHeldAsync(sequence.Id, range.From, range.Through, cancellationToken).ConfigureAwait(false))
                    {
                        if (row.MessageType is not null && row.Body is not null)
                        {
                            Publish(outbox, sequence, row.MessageType, row.Body, row.Number, traceParent);
                            released += new ContractPayload(row.MessageType, row.Body).Bytes;
                            delivered++;
                        }
                    }
                    break;
                case ParkHeld range:
                    foreach (var row in await store.TakeHeldAsync(sequence.Id, range.From, range.Through, cancellationToken).ConfigureAwait(false))
                    {
                        if (row.MessageType is not null && row.Body is not null)
                            store.Park(ParkedAfterGap(sequence, row, now));
                    }
                    break;
            }
        }
        var state = decision.State;
        if (state is not null)
        {
            if (released > 0)
                state = state with { HeldBytes = Math.Max(0, state.HeldBytes - released) };
            store.Save(state);
        }
        return (delivered, state);
    }

    /// <summary>The bus MessageId of message <paramref name="number"/> of a sequence: the same on every redelivery.</summary>
    public static Guid MessageIdOf(string sequenceId, long number) =>
        DeterministicGuid.Create(MessageIdNamespace, sequenceId + "#" + number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Where an edge parks: <c>edge:</c> and the endpoint path.</summary>
    public static string ParkSource(RmSequence sequence) => ParkedMessage.EdgeSourcePrefix + sequence.Endpoint;

    private static void Publish(OutboxWriter outbox, RmSequence sequence, string messageType, string body, long number, string? traceParent) =>
        outbox.AddSerialized(messageType, body, MessageIdOf(sequence.Id, number), sequence.Owner, sequence.Id, traceParent);

    private static ParkedMessage Parked(RmSequence sequence, long number, UnappliablePayload message, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Source = ParkSource(sequence),
        MessageId = MessageIdOf(sequence.Id, number),
        MessageType = message.Action.Length <= 512 ? message.Action : message.Action[..512],
        Body = message.Envelope,
        Reason = ParkReason.Truncate($"Message {number.ToString(CultureInfo.InvariantCulture)} of sequence {sequence.Id}: {message.Reason}"),
        ParkedAt = now,
    };

    private static ParkedMessage ParkedAfterGap(RmSequence sequence, RmHeldMessageRow row, DateTime now) =>
        ParkedHeld(sequence, row, now,
            $"was acknowledged, but the sequence ended with a gap before it (after {sequence.DeliveredThrough.ToString(CultureInfo.InvariantCulture)}) " +
            "and IncompleteSequenceBehavior is DiscardFollowingFirstGap");

    /// <summary>A held message parked with its serialized form: "Message N of sequence S " and <paramref name="why"/>.</summary>
    public static ParkedMessage ParkedHeld(RmSequence sequence, RmHeldMessageRow row, DateTime now, string why) => new()
    {
        Id = Guid.NewGuid(),
        Source = ParkSource(sequence),
        MessageId = MessageIdOf(sequence.Id, row.Number),
        MessageType = row.MessageType!,
        Body = row.Body!,
        Reason = ParkReason.Truncate($"Message {row.Number.ToString(CultureInfo.InvariantCulture)} of sequence {sequence.Id} {why}"),
        ParkedAt = now,
    };
}
