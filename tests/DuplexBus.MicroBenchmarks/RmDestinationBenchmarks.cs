using BenchmarkDotNet.Attributes;
using DuplexBus.Protocol.ReliableMessaging;

namespace DuplexBus.MicroBenchmarks;

/// <summary>
/// The WS-RM destination step the edge runs for each sequence message (admission, then <see cref="RmDestination.Receive"/>)
/// on an ordered sequence that has delivered 1..9.
/// </summary>
// Not sealed: BenchmarkDotNet runs a benchmark through a generated class derived from it.
[MemoryDiagnoser]
public class RmDestinationBenchmarks
{
    private const long Next = SequenceStates.DeliveredThrough + 1;

    private readonly RmSequence _midSession = SequenceStates.MidSession(WcfMessage.Rm11Soap12);
    private RmSequence _holdingEleven = null!;

    [GlobalSetup]
    public void Setup()
    {
        _holdingEleven = Step(_midSession, Next + 1).State!;
        Expect(NextInOrder(), typeof(DeliverMessage), actions: 1);
        Expect(Duplicate(), null, actions: 0);
        Expect(OutOfOrderWithGap(), typeof(HoldMessage), actions: 1);
        Expect(GapFilled(), typeof(DeliverMessage), actions: 2);
    }

    /// <summary>10 after 1..9: delivered now, acknowledged 1-10.</summary>
    [Benchmark(Baseline = true)]
    public RmDecision NextInOrder() => Step(_midSession, Next);

    /// <summary>5 again (its acknowledgement was lost): nothing to store, acknowledged 1-9.</summary>
    [Benchmark]
    public RmDecision Duplicate() => Step(_midSession, 5);

    /// <summary>12 while 10 and 11 are missing: held, acknowledged 1-9,12.</summary>
    [Benchmark]
    public RmDecision OutOfOrderWithGap() => Step(_midSession, Next + 2);

    /// <summary>10 while 11 is held: 10 delivered, 11 released after it, acknowledged 1-11.</summary>
    [Benchmark]
    public RmDecision GapFilled() => Step(_holdingEleven, Next);

    private static RmDecision Step(RmSequence sequence, long number)
    {
        var header = new SequenceHeader(WcfEnvelopes.SequenceId, number, LastMessage: false);
        return RmDestination.Admits(sequence, header.Identifier, sequence.Version, sequence.Soap, sequence.Addressing, SequenceStates.Caller,
                SequenceStates.Now, SequenceStates.Limits, out var refusal)
            ? RmDestination.Receive(sequence, header, SequenceStates.Now, SequenceStates.Limits)
            : refusal;
    }

    private static void Expect(RmDecision decision, Type? firstAction, int actions)
    {
        if (decision.Response is not SendAck || decision.Dropped || decision.Actions.Length != actions
            || (firstAction is not null && decision.Actions[0].GetType() != firstAction))
        {
            throw new InvalidOperationException($"Unexpected decision: {decision}");
        }
    }
}
