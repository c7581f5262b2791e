using DuplexBus.Protocol.ReliableMessaging;

namespace DuplexBus.Tests.Edge.ReliableMessaging;

public sealed class AckRangesTests
{
    public static TheoryData<long[], string, long> Additions => new()
    {
        { [], "", 0 },
        { [1], "1", 1 },
        { [1, 2, 3], "1-3", 3 },
        { [3, 1, 2], "1-3", 3 },
        { [1, 3], "1,3", 1 },
        { [2, 5, 3, 4], "2-5", 0 },
        { [1, 1, 1], "1", 1 },
        { [10, 1, 5, 2, 4, 3], "1-5,10", 5 },
        { [long.MaxValue, long.MaxValue - 1], "9223372036854775806-9223372036854775807", 0 },
    };

    [Theory, MemberData(nameof(Additions))]
    public void Numbers_merge_into_sorted_ranges(long[] numbers, string expected, long contiguous)
    {
        var ranges = numbers.Aggregate(AckRanges.Empty, (r, n) => r.Add(n));

        Assert.Equal(expected, ranges.ToString());
        Assert.Equal(contiguous, ranges.ContiguousThrough);
        Assert.Equal(ranges, AckRanges.Parse(expected));
        Assert.All(numbers, n => Assert.True(ranges.Contains(n)));
    }

    [Fact]
    public void Contains_is_exact_at_range_edges()
    {
        var ranges = AckRanges.Parse("2-4,8");

        Assert.Equal([false, true, true, true, false, false, false, true], Enumerable.Range(1, 8).Select(n => ranges.Contains(n)));
    }

    [Fact]
    public void Covers_tells_whether_an_ack_claims_only_what_is_held()
    {
        var held = AckRanges.Parse("1-5,8-9");

        Assert.True(held.Covers(AckRanges.Parse("2-4,8")));
        Assert.False(held.Covers(AckRanges.Parse("5-6")));
        Assert.True(held.Covers(AckRanges.Empty));
    }
}
