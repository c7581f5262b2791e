using DuplexBus.Protocol.ReliableMessaging;
using FsCheck;
using FsCheck.Xunit;
using static DuplexBus.Tests.Edge.ReliableMessaging.Rm;

namespace DuplexBus.Tests.Edge.ReliableMessaging;

/// <summary>
/// Whatever the network does — drop, duplicate or reorder requests, lose acknowledgements — a client that resends
/// what was not acknowledged gets every message delivered exactly once, and in order when the session is ordered.
/// </summary>
public sealed class RmDestinationProperties
{
    [Property(MaxTest = 300)]
    public bool Every_message_is_delivered_exactly_once_and_in_order_when_ordered(PositiveInt count, int seed, bool ordered)
    {
        var total = Math.Min(count.Get, 60);
        var delivered = Simulate(total, seed, ordered, Limits(ordered, maxHeld: 4));

        return ordered
            ? delivered.SequenceEqual(Enumerable.Range(1, total).Select(n => (long)n))
            : delivered.Order().SequenceEqual(Enumerable.Range(1, total).Select(n => (long)n));
    }

    private static List<long> Simulate(int total, int seed, bool ordered, RmLimits limits)
    {
        var network = new Random(seed);
        var state = Fresh(ordered: ordered);
        var acked = AckRanges.Empty;
        var delivered = new List<long>();
        const int window = 8;

        for (var round = 0; round < 10_000 && acked.ContiguousThrough < total; round++)
        {
            // The client (re)sends the unacknowledged messages of its window; the network shuffles, drops and copies them.
            var lowest = acked.ContiguousThrough + 1;
            var inFlight = Enumerable.Range((int)lowest, (int)Math.Min(window, total - lowest + 1))
                .Select(n => (long)n)
                .Where(n => !acked.Contains(n))
                .SelectMany(n => network.NextDouble() < 0.2 ? new[] { n, n } : new[] { n })
                .Where(_ => network.NextDouble() >= 0.3)
                .OrderBy(_ => network.Next())
                .ToList();

            foreach (var number in inFlight)
            {
                var decision = RmDestination.Receive(state, Message(number), Now, limits);
                foreach (var action in decision.Actions)
                {
                    switch (action)
                    {
                        case DeliverMessage deliver:
                            delivered.Add(deliver.Number);
                            break;
                        case DeliverHeld held:
                            for (var n = held.From; n <= held.Through; n++)
                                delivered.Add(n);
                            break;
                    }
                }
                if (decision.State is not null)
                    state = decision.State;

                // The acknowledgement may be lost on the way back; the destination must never ack what it dropped.
                var ack = (SendAck)decision.Response;
                if (!state.Received.Covers(ack.Ranges))
                    throw new InvalidOperationException($"ack {ack.Ranges} claims more than {state.Received}");
                if (network.NextDouble() >= 0.3)
                    acked = AckRanges.From(acked.Ranges.Concat(ack.Ranges.Ranges));
            }
        }
        return delivered;
    }
}
