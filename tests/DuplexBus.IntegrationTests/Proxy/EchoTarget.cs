using System.Collections.Concurrent;
using System.Globalization;
using DuplexBus.Testing;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.IntegrationTests.Proxy;

/// <summary>
/// A target for the proxy: answers every request with its body and content type, the status named by the query
/// parameter <c>status</c> (200 by default), and <c>X-Echo-*</c> headers repeating what it received.
/// </summary>
public sealed class EchoTarget : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> bodies = new();
    private InProcessHttpServer? server;
    private int requests;

    public Uri BaseAddress => server!.BaseAddress;

    public int Requests => Volatile.Read(ref requests);

    public IReadOnlyList<string> Bodies => [.. bodies];

    public static async Task<EchoTarget> StartAsync()
    {
        var target = new EchoTarget();
        target.server = await InProcessHttpServer.StartAsync(target.EchoAsync);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
            await server.DisposeAsync();
    }

    private async Task EchoAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        bodies.Enqueue(body);
        Interlocked.Increment(ref requests);

        var request = context.Request;
        var response = context.Response;
        response.StatusCode = int.Parse(request.Query["status"].FirstOrDefault() ?? "200", CultureInfo.InvariantCulture);
        response.Headers["X-Echo-Method"] = request.Method;
        response.Headers["X-Echo-Path"] = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        response.Headers["X-Echo-Host"] = request.Host.Value;
        response.Headers["X-Echo-SOAPAction"] = request.Headers["SOAPAction"];
        response.Headers["X-Echo-Custom"] = request.Headers["X-Custom"];
        if (request.ContentType is { } contentType)
            response.ContentType = contentType;
        await response.WriteAsync(body, context.RequestAborted);
    }
}
