using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using DuplexBus.Testing;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Benchmarks;

/// <summary>
/// The client's callback endpoint: a bare Kestrel server in this process that reads each request, answers 202 and
/// counts requests and distinct WS-Addressing MessageIDs (a callback sent twice has the same MessageID).
/// </summary>
internal sealed class CallbackSink : IAsyncDisposable
{
    private readonly InProcessHttpServer _server;
    private volatile SinkTally _tally = new(0);

    private CallbackSink(InProcessHttpServer server)
    {
        _server = server;
        Address = new Uri(server.BaseAddress, "client/work-callback");
    }

    public Uri Address { get; }

    public static async Task<CallbackSink> StartAsync()
    {
        CallbackSink? sink = null;
        var server = await InProcessHttpServer.StartAsync(context => sink!.HandleAsync(context));
        sink = new CallbackSink(server);
        return sink;
    }

    /// <summary>Counts from now on in a fresh tally that completes when <paramref name="expected"/> distinct MessageIDs arrived.</summary>
    public SinkTally Begin(int expected)
    {
        var tally = new SinkTally(expected);
        _tally = tally;
        return tally;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var tally = _tally;
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync();
            if (read.IsCompleted)
            {
                tally.Record(MessageId(read.Buffer));
                reader.AdvanceTo(read.Buffer.End);
                break;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static Guid? MessageId(ReadOnlySequence<byte> body)
    {
        var bytes = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
        var marker = "MessageID>urn:uuid:"u8;
        var at = bytes.IndexOf(marker);
        if (at < 0)
            return null;
        return Utf8Parser.TryParse(bytes[(at + marker.Length)..], out Guid id, out _, 'D') ? id : null;
    }
}

/// <summary>What the sink received since <see cref="CallbackSink.Begin"/>.</summary>
internal sealed class SinkTally(int expected)
{
    private readonly ConcurrentDictionary<Guid, byte> _ids = new(Environment.ProcessorCount, Math.Max(expected, 16));
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>Completes when every expected MessageID arrived at least once.</summary>
    public Task AllReceived => _all.Task;

    /// <summary>Distinct callbacks per second over the second half of the expected ones (past start-up effects).</summary>
    public double SecondHalfRate =>
        (expected - expected / 2) / Stopwatch.GetElapsedTime(Interlocked.Read(ref _halfwayAt), Interlocked.Read(ref _allAt)).TotalSeconds;

    public void Record(Guid? id)
    {
        Interlocked.Increment(ref _requests);
        if (id is not { } messageId)
        {
            Interlocked.Increment(ref _withoutId);
            return;
        }
        if (!_ids.TryAdd(messageId, 0))
            return;
        var distinct = Interlocked.Increment(ref _distinct);
        if (distinct == expected / 2)
            Interlocked.Exchange(ref _halfwayAt, Stopwatch.GetTimestamp());
        if (distinct == expected)
        {
            Interlocked.Exchange(ref _allAt, Stopwatch.GetTimestamp());
            _all.TrySetResult();
        }
    }

    public override string ToString() =>
        $"  sink: {Requests} requests, {Distinct} distinct MessageIDs, {Duplicates} duplicates" + (WithoutId > 0 ? $", {WithoutId} without a MessageID" : "");
}
