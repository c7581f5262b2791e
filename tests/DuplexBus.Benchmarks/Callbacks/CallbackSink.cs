using System.Buffers;
using System.Buffers.Text;
using DuplexBus.Testing;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Benchmarks.Callbacks;

/// <summary>
/// The client's callback endpoint: a bare Kestrel server in this process that reads each request, answers 202 and
/// counts requests and distinct WS-Addressing MessageIDs (a callback sent twice has the same MessageID), and when
/// asked the work instance each callback is for.
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
    /// <param name="arrivals">Keep each callback's arrival time (see <see cref="SinkTally.RateBetween"/>).</param>
    /// <param name="instances">Keep the arrival time of each work instance's callback (see <see cref="SinkTally.ArrivalOf"/>).</param>
    public SinkTally Begin(int expected, bool arrivals = false, bool instances = false)
    {
        var tally = new SinkTally(expected, arrivals, instances);
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
                tally.Record(MessageId(read.Buffer), tally.TracksInstances ? InstanceId(read.Buffer) : null);
                reader.AdvanceTo(read.Buffer.End);
                break;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static Guid? MessageId(ReadOnlySequence<byte> body) => GuidAfter(body, "MessageID>urn:uuid:"u8);

    // WorkCompleted's body element; the Context header's property reads name="instanceId">, so it does not match.
    private static Guid? InstanceId(ReadOnlySequence<byte> body) => GuidAfter(body, "instanceId>"u8);

    private static Guid? GuidAfter(ReadOnlySequence<byte> body, ReadOnlySpan<byte> marker)
    {
        var bytes = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
        var at = bytes.IndexOf(marker);
        if (at < 0)
            return null;
        return Utf8Parser.TryParse(bytes[(at + marker.Length)..], out Guid id, out _, 'D') ? id : null;
    }
}
