using Microsoft.AspNetCore.Http;

namespace DuplexBus.Testing.Proxy;

/// <summary>
/// An HTTP/1.1 reverse proxy on 127.0.0.1 that forwards every request to a target and copies the response back,
/// but loses, duplicates and delays requests as a seeded random source decides: the unreliable network that
/// WS-ReliableMessaging exists for, reproducible by seed.
/// </summary>
public sealed partial class LossyProxy : IAsyncDisposable
{
    private readonly Uri target;
    private readonly LossyProxyOptions options;
    private readonly DecisionSource decisions;
    private readonly PauseGate pause = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient http;
    private readonly Lock logGate = new();
    private readonly List<string> log = [];
    private InProcessHttpServer? server;
    private int forwarded;
    private int droppedRequests;
    private int droppedReplies;
    private int duplicated;
    private int delayed;
    private int targetFailures;

    private LossyProxy(Uri target, LossyProxyOptions options)
    {
        this.target = target;
        this.options = options;
        decisions = new DecisionSource(options);
        http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            // A restarted target must not be reached through connections to its previous life.
            PooledConnectionLifetime = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/ — point clients here instead of at the target.</summary>
    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Client requests passed on to the target (a duplicated request counts once; see <see cref="Duplicated"/>).</summary>
    public int Forwarded => Volatile.Read(ref forwarded);

    public int DroppedRequests => Volatile.Read(ref droppedRequests);

    /// <summary>Requests the target processed whose reply the client never got.</summary>
    public int DroppedReplies => Volatile.Read(ref droppedReplies);

    /// <summary>Requests sent to the target a second time.</summary>
    public int Duplicated => Volatile.Read(ref duplicated);

    public int Delayed => Volatile.Read(ref delayed);

    /// <summary>Requests the target could not answer (e.g. it was down); the client's connection was aborted.</summary>
    public int TargetFailures => Volatile.Read(ref targetFailures);

    /// <summary>Requests held by <see cref="Pause"/> right now.</summary>
    public int Held => pause.Held;

    /// <summary>One line per decision, in the order they were drawn, e.g. <c>#3 drop-reply: POST /services/work urn:…/AddItem</c>.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (logGate)
            {
                return [.. log];
            }
        }
    }

    private InProcessHttpServer Server => server ?? throw new InvalidOperationException("The proxy has not started.");

    public static async Task<LossyProxy> StartAsync(Uri target, LossyProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var proxy = new LossyProxy(target, options);
        proxy.server = await InProcessHttpServer.StartAsync(proxy.HandleAsync).ConfigureAwait(false);
        return proxy;
    }

    /// <summary>Holds new requests (neither forwarded nor failed) until <see cref="Resume"/>, e.g. while the target restarts.</summary>
    public void Pause() => pause.Pause();

    public void Resume() => pause.Resume();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (server is not null)
            await server.DisposeAsync().ConfigureAwait(false);
        http.Dispose();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var cancellationToken = aborted.Token;
        try
        {
            var request = await ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
            var decision = options.Applies is null || options.Applies(request) ? decisions.Next() : null;
            if (decision is not null)
                Record(decision.Describe(request));

            await pause.PassAsync(cancellationToken).ConfigureAwait(false);
            if (decision is { Delay: var delay } && delay > TimeSpan.Zero)
            {
                Interlocked.Increment(ref delayed);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            if (decision?.Fault == ProxyFault.DropRequest)
            {
                Interlocked.Increment(ref droppedRequests);
                context.Abort();
                return;
            }

            Interlocked.Increment(ref forwarded);
            if (decision?.Duplicate == true)
            {
                Interlocked.Increment(ref duplicated);
                using var first = await ForwardAsync(context.Request, request, cancellationToken).ConfigureAwait(false);
            }

            using var response = await ForwardAsync(context.Request, request, cancellationToken).ConfigureAwait(false);
            if (decision?.Fault == ProxyFault.DropReply)
            {
                Interlocked.Increment(ref droppedReplies);
                context.Abort();
                return;
            }

            await CopyAsync(response, context.Response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref targetFailures);
            context.Abort();
        }
        catch (IOException)
        {
            // The client's connection broke while its request was read.
            context.Abort();
        }
        catch (OperationCanceledException)
        {
            // The client went away, the proxy is stopping, or the target timed out: no answer is the answer.
            context.Abort();
        }
    }

    private void Record(string line)
    {
        lock (logGate)
        {
            log.Add(line);
        }
    }
}
