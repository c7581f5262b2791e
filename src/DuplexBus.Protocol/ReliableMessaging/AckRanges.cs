using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>
/// The message numbers a destination holds, as sorted, merged, inclusive ranges: what a SequenceAcknowledgement
/// carries. Immutable; stored as text ("1-5,7,9-12").
/// </summary>
public sealed class AckRanges : IEquatable<AckRanges>
{
    public static readonly AckRanges Empty = new([]);

    private AckRanges(ImmutableArray<AckRange> ranges) => Ranges = ranges;

    public ImmutableArray<AckRange> Ranges { get; }

    public bool IsEmpty => Ranges.IsEmpty;

    /// <summary>The highest number n such that 1..n are all present; 0 when 1 is missing.</summary>
    public long ContiguousThrough => !Ranges.IsEmpty && Ranges[0].Lower == 1 ? Ranges[0].Upper : 0;

    public long Highest => Ranges.IsEmpty ? 0 : Ranges[^1].Upper;

    public bool Contains(long number)
    {
        var lo = 0;
        var hi = Ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var range = Ranges[mid];
            if (number < range.Lower)
                hi = mid - 1;
            else if (number > range.Upper)
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }

    public AckRanges Add(long number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (Contains(number))
            return this;

        var builder = ImmutableArray.CreateBuilder<AckRange>(Ranges.Length + 1);
        var placed = false;
        foreach (var range in Ranges)
        {
            if (!placed && number < range.Lower)
            {
                builder.Add(new AckRange(number, number));
                placed = true;
            }
            builder.Add(range);
        }
        if (!placed)
            builder.Add(new AckRange(number, number));
        return new AckRanges(Merge(builder));
    }

    /// <summary>Whether every number in <paramref name="other"/> is also here (an ack must never claim more).</summary>
    public bool Covers(AckRanges other) =>
        other.Ranges.All(r => Ranges.Any(mine => mine.Lower <= r.Lower && r.Upper <= mine.Upper));

    public static AckRanges From(IEnumerable<AckRange> ranges) =>
        new(Merge(ranges.Where(r => r.Lower <= r.Upper).OrderBy(r => r.Lower)));

    public static AckRanges Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Empty;
        var ranges = text.Split(',').Select(part =>
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var lower = long.Parse(dash < 0 ? part : part[..dash], CultureInfo.InvariantCulture);
            var upper = dash < 0 ? lower : long.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            return new AckRange(lower, upper);
        });
        return From(ranges);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var range in Ranges)
        {
            if (text.Length > 0)
                text.Append(',');
            text.Append(range.Lower.ToString(CultureInfo.InvariantCulture));
            if (range.Upper != range.Lower)
                text.Append('-').Append(range.Upper.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public bool Equals(AckRanges? other) => other is not null && Ranges.SequenceEqual(other.Ranges);

    public override bool Equals(object? obj) => Equals(obj as AckRanges);

    public override int GetHashCode() => Ranges.Aggregate(0, (hash, r) => HashCode.Combine(hash, r));

    private static ImmutableArray<AckRange> Merge(IEnumerable<AckRange> sorted)
    {
        var merged = ImmutableArray.CreateBuilder<AckRange>();
        foreach (var range in sorted)
        {
            // Adjacent ranges merge too: 1-3 and 4-6 are 1-6. (Upper may be long.MaxValue: compare without +1.)
            if (merged.Count > 0 && range.Lower - 1 <= merged[^1].Upper)
                merged[^1] = merged[^1] with { Upper = Math.Max(merged[^1].Upper, range.Upper) };
            else
                merged.Add(range);
        }
        return merged.ToImmutable();
    }
}

/// <summary>An inclusive range of message numbers.</summary>
public readonly record struct AckRange(long Lower, long Upper);
