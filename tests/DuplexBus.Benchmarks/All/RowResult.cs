namespace DuplexBus.Benchmarks.All;

/// <summary>One summary line of <c>all</c>; <see cref="Failed"/> when the row could not run or a correctness check failed.</summary>
internal sealed record RowResult(string Name, string Text, bool Failed = false)
{
    public override string ToString() => $"{Name}: {Text}";
}
