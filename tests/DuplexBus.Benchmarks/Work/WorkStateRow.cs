namespace DuplexBus.Benchmarks.Work;

/// <summary>One instance of the sample saga as the benchmarks check it.</summary>
internal sealed record WorkStateRow(int ItemCount, int LastIndex, bool InOrder);
