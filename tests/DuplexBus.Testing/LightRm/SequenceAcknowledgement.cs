namespace DuplexBus.Testing.LightRm;

/// <summary>A WS-RM 1.1 SequenceAcknowledgement header as read from an answer.</summary>
/// <param name="None">The header carried &lt;None/&gt;: nothing received.</param>
/// <param name="Nacks">The numbers of the Nack elements, if any.</param>
/// <param name="Final">The header carried &lt;Final/&gt;: the destination will receive nothing more.</param>
public sealed record SequenceAcknowledgement(string Identifier, IReadOnlyList<AckRange> Ranges, bool None, IReadOnlyList<long> Nacks, bool Final)
{
    /// <summary>
    /// True when the ranges cover 1..<paramref name="last"/> exactly: no gap, no overlap, nothing beyond, no Nack (and
    /// for 0, no range at all).
    /// </summary>
    public bool CoversExactly(long last)
    {
        if (Nacks.Count > 0 || (None && Ranges.Count > 0))
            return false;
        var next = 1L;
        foreach (var range in Ranges.OrderBy(r => r.Lower))
        {
            if (range.Lower != next || range.Upper < range.Lower)
                return false;
            next = range.Upper + 1;
        }
        return next == last + 1;
    }

    public override string ToString() =>
        $"{Identifier} [{(None ? "None" : string.Join(",", Ranges))}{(Nacks.Count > 0 ? $" Nack {string.Join(",", Nacks)}" : "")}{(Final ? " Final" : "")}]";
}
