using System.Globalization;
using DuplexBus.Edge.Ingress;
using DuplexBus.Edge.ReliableMessaging;
using DuplexBus.Outbox;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Writes one destination decision into the open transaction: outbox rows for delivered messages (held ones in
/// number order), held rows for early ones, and the new sequence state.
/// </summary>
internal static class DecisionWriter
{
    private static readonly Guid MessageIdNamespace = new("a3c6f0f4-27a2-4d57-8f1c-6f1f6f3e9b52");

    /// <param name="message">The incoming message's contract (type, value), or null for one without effect (1.0 LastMessage).</param>
    /// <returns>How many outbox rows were added.</returns>
    public static async Task<int> WriteAsync(
        RmDecision decision, RmSequence sequence, (Type Type, object Message)? message,
        RmSessionStore store, OutboxWriter outbox, CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case DeliverMessage deliver when message is { } incoming:
                    outbox.Add(incoming.Message, incoming.Type, MessageIdOf(sequence.Id, deliver.Number));
                    delivered++;
                    break;
                case HoldMessage hold:
                    var serialized = message is { } held ? outbox.Serialize(held.Message, held.Type) : default;
                    store.Hold(sequence.Id, hold.Number, serialized.MessageType, serialized.Body);
                    break;
                case DeliverHeld range:
                    foreach (var row in await store.TakeHeldAsync(sequence.Id, range.From, range.Through, cancellationToken).ConfigureAwait(false))
                    {
                        if (row.MessageType is not null && row.Body is not null)
                        {
                            outbox.AddSerialized(row.MessageType, row.Body, MessageIdOf(sequence.Id, row.Number));
                            delivered++;
                        }
                    }
                    break;
            }
        }
        if (decision.State is { } state)
            store.Save(state);
        return delivered;
    }

    /// <summary>The bus MessageId of message <paramref name="number"/> of a sequence: the same on every redelivery.</summary>
    public static Guid MessageIdOf(string sequenceId, long number) =>
        DeterministicGuid.Create(MessageIdNamespace, sequenceId + "#" + number.ToString(CultureInfo.InvariantCulture));
}
