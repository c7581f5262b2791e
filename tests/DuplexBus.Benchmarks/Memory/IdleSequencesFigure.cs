using System.Globalization;

namespace DuplexBus.Benchmarks.Memory;

/// <summary>The host's resident memory before any idle sequence was opened and once <see cref="Open"/> were.</summary>
internal sealed record IdleSequencesFigure(int Open, long ResidentBefore, long ResidentAfter)
{
    /// <summary>How many were meant to be open: more than <see cref="Open"/> when time ran out.</summary>
    public int Target { get; init; }

    /// <summary>How many were open at the previous figure.</summary>
    public int OpenedBefore { get; init; }

    /// <summary>How long opening the sequences since the previous figure took.</summary>
    public TimeSpan Opening { get; init; }

    public bool Reached => Open >= Target;

    public double BytesPerSequence => (ResidentAfter - ResidentBefore) / (double)Open;

    /// <summary>CreateSequence answered per second since the previous figure.</summary>
    public double OpenedPerSecond => (Open - OpenedBefore) / Opening.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"idle sequences: {Open} open{(Reached ? "" : $" (of {Target}: time ran out)")}; host resident memory {ResidentBefore / 1048576.0:F1} MB -> {ResidentAfter / 1048576.0:F1} MB; {BytesPerSequence:F0} bytes per open sequence; {Open - OpenedBefore} opened in {Opening.TotalSeconds:F0} s, {OpenedPerSecond:F0}/s")
        + (ResidentAfter < ResidentBefore ? Environment.NewLine + "  (resident memory fell: the garbage collector gave back more than the sequences took, so this figure is noise)" : "");
}
