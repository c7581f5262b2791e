using System.Text;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Testing;

/// <summary>
/// A client's callback endpoint over real HTTP: Kestrel on a loopback port that records every request and answers
/// as the test says (202 unless told otherwise). It can be stopped and started again on the same port, to play a
/// client that is down for a while.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    /// <summary>The path callbacks are expected on; requests to any path are recorded.</summary>
    public const string CallbackPath = "/cb";

    private readonly Lock gate = new();
    private readonly List<ReceivedRequest> requests = [];
    private readonly SemaphoreSlim control = new(1, 1);
    private Func<int, CallbackAnswer> answer = _ => CallbackAnswer.Accepted;
    private InProcessHttpServer? server;

    private CallbackReceiver()
    {
    }

    /// <summary>The loopback port, kept across stop and start.</summary>
    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:&lt;port&gt;/cb</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}{CallbackPath}");

    public bool IsRunning => server is not null;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Starts on a port the kernel picks.</summary>
    public static async Task<CallbackReceiver> StartAsync()
    {
        var receiver = new CallbackReceiver();
        await receiver.StartAgainAsync().ConfigureAwait(false);
        return receiver;
    }

    /// <summary>Answers every request from now on with <paramref name="next"/>.</summary>
    public void AnswerWith(CallbackAnswer next)
    {
        ArgumentNullException.ThrowIfNull(next);
        AnswerWith(_ => next);
    }

    /// <summary>Answers by request number (1 for the first request the receiver ever got).</summary>
    public void AnswerWith(Func<int, CallbackAnswer> byNumber)
    {
        ArgumentNullException.ThrowIfNull(byNumber);
        lock (gate)
        {
            answer = byNumber;
        }
    }

    /// <summary>Stops listening; connections still open are closed. Requests recorded so far are kept.</summary>
    public Task StopAsync() => control.RunAsync(StopCoreAsync);

    /// <summary>Listens again, on the same port as before (on a free one the first time).</summary>
    public Task StartAgainAsync() => control.RunAsync(async () =>
    {
        if (server is not null)
        {
            return;
        }

        server = await InProcessHttpServer.StartAsync(RecordAsync, Port).ConfigureAwait(false);
        Port = server.BaseAddress.Port;
    });

    /// <summary>Waits until at least <paramref name="count"/> requests arrived; returns all of them.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan timeout) =>
        WaitForAsync(r => r.Count >= count, timeout, $"the receiver on port {Port} got {count} requests");

    /// <summary>Waits until the requests so far satisfy <paramref name="done"/>; returns them.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> done, TimeSpan timeout, string because) =>
        Eventually.Until(() => Task.FromResult(Requests), done, timeout, because);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        control.Dispose();
    }

    private async Task StopCoreAsync()
    {
        if (server is not { } running)
        {
            return;
        }

        server = null;
        await running.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RecordAsync(HttpContext http)
    {
        var request = http.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        CallbackAnswer reply;
        lock (gate)
        {
            var number = requests.Count + 1;
            reply = answer(number);
            requests.Add(new ReceivedRequest(number, DateTimeOffset.UtcNow, request.Method, request.Path.Value ?? "", headers, body, reply.StatusCode));
        }

        if (reply.Hangs)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            return;
        }
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            if (http.RequestAborted.IsCancellationRequested)
                return;
        }

        http.Response.StatusCode = reply.StatusCode;
        foreach (var (name, value) in reply.Headers)
        {
            http.Response.Headers[name] = value;
        }

        if (reply.DropsConnection)
        {
            http.Response.ContentType = reply.ContentType;
            http.Response.ContentLength = 4096;
            await http.Response.WriteAsync(reply.Body ?? "", http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            http.Abort();
            return;
        }
        if (reply.Body is { } content)
        {
            http.Response.ContentType = reply.ContentType ?? "text/plain; charset=utf-8";
            await http.Response.WriteAsync(content, http.RequestAborted).ConfigureAwait(false);
        }
    }
}
