namespace DuplexBus.Benchmarks;

/// <summary>
/// What comes before a measured period: at least <see cref="Minimum"/> of the same load and, when the host is known,
/// until its JIT has settled, for at most <see cref="JitSettleLimit"/> (zero: not waited for).
/// </summary>
internal sealed record WarmUp(TimeSpan Minimum, TimeSpan JitSettleLimit)
{
    /// <summary>10 s, then up to 3 minutes for the host's JIT: what every figure in the README was taken after.</summary>
    public static WarmUp Standard { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3));
}
