using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>A load balancer for tests: each HTTP request goes to the next host in turn, whatever session it belongs to.</summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly Uri[] _targets;
    private readonly int[] _counts;
    private int _next = -1;

    private RoundRobinProxy(Uri[] targets)
    {
        _targets = targets;
        _counts = new int[targets.Length];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ForwardAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests forwarded to each target so far.</summary>
    public IReadOnlyList<int> Counts => _counts;

    public static async Task<RoundRobinProxy> StartAsync(params Uri[] targets)
    {
        var proxy = new RoundRobinProxy(targets);
        await proxy._app.StartAsync();
        BaseAddressOf(proxy);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private static void BaseAddressOf(RoundRobinProxy proxy) =>
        proxy.BaseAddress = new Uri(proxy._app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");

    private async Task ForwardAsync(HttpContext context)
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_targets.Length);
        Interlocked.Increment(ref _counts[index]);
        var target = new Uri(_targets[index], context.Request.Path + context.Request.QueryString);

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        request.Content = new ByteArrayContent(body.ToArray());
        foreach (var header in context.Request.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }
        request.Headers.Host = null;

        using var response = await _http.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Content.Headers.Where(h => h.Key != "Content-Length"))
            context.Response.Headers[header.Key] = header.Value.ToArray();
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
