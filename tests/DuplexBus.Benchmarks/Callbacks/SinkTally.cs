using System.Collections.Concurrent;
using System.Diagnostics;

namespace DuplexBus.Benchmarks.Callbacks;

/// <summary>What the sink received since <see cref="CallbackSink.Begin"/>.</summary>
/// <param name="arrivals">Keep when each distinct callback arrived, for rates over parts of a run (<see cref="RateBetween"/>).</param>
/// <param name="instances">Keep when the first callback of each work instance (the body's instanceId) arrived (<see cref="ArrivalOf"/>).</param>
internal sealed class SinkTally(int expected, bool arrivals = false, bool instances = false)
{
    private readonly ConcurrentDictionary<Guid, byte> _ids = new(Environment.ProcessorCount, Math.Max(expected, 16));
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long[]? _arrivals = arrivals ? new long[Math.Max(expected, 1)] : null;
    private readonly ConcurrentDictionary<Guid, long>? _instances = instances ? new(Environment.ProcessorCount, Math.Max(expected, 16)) : null;
    private long _requests;
    private long _withoutId;
    private long _distinct;
    private long _halfwayAt;
    private long _allAt;

    public long Requests => Interlocked.Read(ref _requests);

    // ConcurrentDictionary.Count takes every lock of the dictionary; a separate counter keeps the hot path cheap.
    public long Distinct => Interlocked.Read(ref _distinct);

    public long Duplicates => Requests - Interlocked.Read(ref _withoutId) - Distinct;

    public long WithoutId => Interlocked.Read(ref _withoutId);

    /// <summary>Whether the sink should read each callback's instanceId for <see cref="Record"/>.</summary>
    public bool TracksInstances => _instances is not null;

    /// <summary>Completes when every expected MessageID arrived at least once.</summary>
    public Task AllReceived => _all.Task;

    /// <summary>Distinct callbacks per second over the second half of the expected ones (past start-up effects).</summary>
    public double SecondHalfRate =>
        (expected - expected / 2) / Stopwatch.GetElapsedTime(Interlocked.Read(ref _halfwayAt), Interlocked.Read(ref _allAt)).TotalSeconds;

    /// <summary>
    /// Distinct callbacks per second from the <paramref name="first"/>th to the <paramref name="last"/>th to arrive
    /// (0-based, both received; needs <c>arrivals</c>).
    /// </summary>
    public double RateBetween(int first, int last)
    {
        var times = _arrivals ?? throw new InvalidOperationException("This tally does not keep arrival times.");
        return (last - first) / Stopwatch.GetElapsedTime(Volatile.Read(ref times[first]), Volatile.Read(ref times[last])).TotalSeconds;
    }

    /// <summary>The Stopwatch timestamp of the first callback for <paramref name="instanceId"/>, if one came (needs <c>instances</c>).</summary>
    public long? ArrivalOf(Guid instanceId) =>
        (_instances ?? throw new InvalidOperationException("This tally does not keep instances.")).TryGetValue(instanceId, out var at) ? at : null;

    public void Record(Guid? id, Guid? instanceId = null)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);
        if (instanceId is { } instance)
            _instances?.TryAdd(instance, now);
        if (id is not { } messageId)
        {
            Interlocked.Increment(ref _withoutId);
            return;
        }
        if (!_ids.TryAdd(messageId, 0))
            return;
        var distinct = Interlocked.Increment(ref _distinct);
        if (_arrivals is { } times && distinct <= times.Length)
            Volatile.Write(ref times[distinct - 1], now);
        if (distinct == expected / 2)
            Interlocked.Exchange(ref _halfwayAt, now);
        if (distinct == expected)
        {
            Interlocked.Exchange(ref _allAt, now);
            _all.TrySetResult();
        }
    }

    public override string ToString() =>
        $"  sink: {Requests} requests, {Distinct} distinct MessageIDs, {Duplicates} duplicates" + (WithoutId > 0 ? $", {WithoutId} without a MessageID" : "");
}
