namespace DuplexBus.Benchmarks.Latency;

/// <summary>Latency at 100 StartWork/s and at about 80 % of the rate a burst reached.</summary>
/// <param name="BurstPerSecond">Callbacks/s from the first StartWork of a burst to its last callback: the estimated maximum.</param>
internal sealed record LatencyFigure(LatencySample Low, double BurstPerSecond, int BurstSize, LatencySample High)
{
    /// <summary>The warm-up at a rate the host keeps up with: the path's latency without a queue.</summary>
    public LatencySample? WarmUp { get; init; }

    public int Missing => Low.Missing + High.Missing + (WarmUp?.Missing ?? 0);
}
