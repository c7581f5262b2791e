using DuplexBus.Outbox;

namespace DuplexBus.Tests.Outbox;

public sealed class RelayLanesTests
{
    // Each row's keys as "a,b"; an empty string is a row with no key (a message whose instance is unknown). Expected: each row's predecessors as "0,2", or "-".
    public static TheoryData<string, string[], string[]> Batches => new()
    {
        { "different instances go out together", ["a", "b", "c"], ["-", "-", "-"] },
        { "one instance goes out in commit order", ["a", "a", "a"], ["-", "0", "1"] },
        { "two instances interleaved", ["a", "b", "a", "b"], ["-", "-", "0", "1"] },
        { "a row of a sequence and an instance waits for both", ["s,a", "b", "s,b"], ["-", "-", "0,1"] },
        { "the same predecessor is named once", ["s,a", "s,a"], ["-", "0"] },
        { "a row with no key waits for every row before it, and every row after waits for it", ["a", "b", "", "a", "c"], ["-", "-", "0,1", "2", "2"] },
        { "rows with no key keep commit order among themselves", ["", "", ""], ["-", "0", "1"] },
        { "a key seen before a barrier starts afresh after it", ["a", "", "b", "a", "a"], ["-", "0", "1", "1", "3"] },
        { "a sequence carrying several instances keeps its order", ["s,a", "s,b", "s,c"], ["-", "0", "1"] },
        { "a later sequence to the same instance waits for the earlier one", ["s1,a", "s2,a"], ["-", "0"] },
        { "an empty batch", [], [] },
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public void Each_row_waits_for_the_last_earlier_row_of_each_of_its_keys(string because, string[] rows, string[] expected)
    {
        var keys = rows.Select(r => (IReadOnlyCollection<string>)r.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();

        var predecessors = RelayLanes.Predecessors(keys);

        var actual = predecessors.Select(p => p.Length == 0 ? "-" : string.Join(',', p.Order())).ToArray();
        Assert.True(expected.SequenceEqual(actual), $"{because}: expected [{string.Join(' ', expected)}], got [{string.Join(' ', actual)}]");
    }
}
