using DuplexBus.Configuration;
using DuplexBus.IntegrationTests.Store;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DuplexBus.IntegrationTests.Hosts;

/// <summary>
/// A small host inside the test process, set up the way an application would: DuplexBus over its database, and the
/// application's own <c>AddMassTransit</c> with <c>AddDuplexBusOutbox</c>, on RabbitMQ or an in-memory bus.
/// </summary>
internal static class InProcessHost
{
    /// <param name="database">Chooses the database (<c>UseSqlite</c> or <c>UsePostgreSql</c> with <see cref="StoreTestDbContext"/>).</param>
    /// <param name="map">Maps the endpoints under test.</param>
    /// <param name="configure">Adds settings and services before the host is built.</param>
    public static Task<WebApplication> StartAsync(
        Action<DuplexBusConfigurator> database,
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure = null) =>
        StartAsync<StoreTestDbContext>(database, map, configure, bus: null, rabbitMq: null);

    /// <param name="bus">Sagas and consumers of the test, added inside <c>AddMassTransit</c>.</param>
    /// <param name="rabbitMq">The broker (an <c>amqp://</c> virtual host); null for the in-memory bus.</param>
    public static async Task<WebApplication> StartAsync<TContext>(
        Action<DuplexBusConfigurator> database,
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure,
        Action<IBusRegistrationConfigurator>? bus,
        Uri? rabbitMq)
        where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["DuplexBus:Database:MigrateAtStartup"] = "false";
        configure?.Invoke(builder);
        builder.Services.AddDuplexBus(builder.Configuration.GetSection("DuplexBus"), database);
        builder.Services.AddMassTransit(x =>
        {
            x.AddDuplexBusOutbox();
            bus?.Invoke(x);
            if (rabbitMq is null)
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                return;
            }
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbitMq, h => h.PublisherConfirmation = true);
                cfg.ConfigureEndpoints(context);
            });
        });
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TContext>().Database.EnsureCreatedAsync();
        map(app);
        await app.StartAsync();
        // The bus starts in the background (the edge does not wait for the broker); the tests publish only once its
        // endpoints are bound.
        var health = await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy)
            throw new TimeoutException($"The bus was {health} a minute after the host started.");
        return app;
    }

    /// <summary>The address of <paramref name="path"/> on the host's (randomly chosen) port.</summary>
    public static Uri Address(this WebApplication app, string path) =>
        new(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), path);
}
