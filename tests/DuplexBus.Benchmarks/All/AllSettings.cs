namespace DuplexBus.Benchmarks.All;

/// <summary>
/// The sizes of every row of <c>all</c>: the full run (about 20 minutes on 2 cores) or <c>--quick</c>, a smoke check
/// with small sizes and short windows (a few minutes) whose figures mean little.
/// </summary>
internal sealed record AllSettings(bool Quick)
{
    public TimeSpan IdleWindow => Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60);

    /// <summary>How long the idle host may take to settle its JIT: about four minutes on 2 cores.</summary>
    public TimeSpan IdleJitSettleLimit => Quick ? TimeSpan.Zero : TimeSpan.FromMinutes(6);

    /// <summary>How long a warm-up may wait for the host's JIT; <see cref="WarmUp.Standard"/> allows 3 minutes, which 11 rows cannot afford.</summary>
    public TimeSpan JitSettleLimit => Quick ? TimeSpan.Zero : TimeSpan.FromSeconds(30);

    public WarmUp WarmUp => new(Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10), JitSettleLimit);

    public TimeSpan EdgeWindow => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);

    /// <summary>How long a baseline waits for the host to work off what the run before it left queued.</summary>
    public TimeSpan QuietLimit => Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60);

    public const int CallbackConcurrency = 8;

    public TimeSpan CallbacksWindow => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    public const int EndToEndSessions = 32;

    public TimeSpan EndToEndWarmUp => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);

    public TimeSpan EndToEndWindow => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60);

    public TimeSpan EndToEndDrainLimit => Quick ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(3);

    public static IReadOnlyList<int> SagaPartitions { get; } = [1, 2, 4];

    public int SagaItemsPerInstance => Quick ? 10 : 50;

    /// <summary>The "(2 hosts)" run of saga-scale: full runs only.</summary>
    public bool SagaTwoHosts => !Quick;

    // 1M rows, as the issue asks, takes the better part of an hour per table at this machine's rates: left out.
    public IReadOnlyList<int> DrainRows => Quick ? [2_000, 10_000] : [10_000, 100_000];

    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public IReadOnlyList<int> IdleSequences => Quick ? [10_000] : [10_000, 100_000];

    /// <summary>How long the memory row may spend opening sequences: each CreateSequence counts the open ones, so they come slower as they grow.</summary>
    public TimeSpan IdleSequencesLimit => Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(4);

    public TimeSpan LatencyWarmUp => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);

    public TimeSpan LatencyWindow => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(15);

    public int LatencyBurst => Quick ? 100 : 300;
}
