using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Testing;

/// <summary>
/// A bare Kestrel HTTP/1.1 server inside the test process, on a port the kernel picks on 127.0.0.1, running one
/// request delegate: for proxies and protocol stubs that must be reached over real sockets.
/// </summary>
public sealed class InProcessHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private InProcessHttpServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri BaseAddress { get; }

    /// <param name="port">0 (the default) lets the kernel pick; a port a server had before starts it again there.</param>
    public static async Task<InProcessHttpServer> StartAsync(RequestDelegate handler, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);

        // The empty builder has no logging and no configuration sources, so nothing from the environment
        // (ASPNETCORE_URLS, appsettings) changes where or how it listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // A forwarded response keeps the Server header of the server that wrote it.
            kestrel.AddServerHeader = false;
            // Port 0: the kernel picks a free port at bind time, so there is no window for another process to take it.
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new InProcessHttpServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        // Requests still running after this grace period have their connections aborted.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(grace.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
