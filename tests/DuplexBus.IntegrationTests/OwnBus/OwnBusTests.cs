using DuplexBus.Configuration;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.Parking;
using DuplexBus.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DuplexBus.IntegrationTests.OwnBus;

/// <summary>
/// DuplexBus adds to the application's own <c>AddMassTransit</c>: the application's endpoint names and retry are
/// honoured, and DuplexBus's defaults (retry in place, then park) apply only where it leaves them on. SQLite and the
/// in-memory transport: no servers needed.
/// </summary>
public sealed class OwnBusTests : IAsyncLifetime
{
    private const string QueueName = "my-own-queue";
    private readonly string _folder = Directory.CreateTempSubdirectory("duplexbus-ownbus-").FullName;
    private readonly Attempts _attempts = new();
    private IHost? _host;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "own.db")};Default Timeout=30";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_applications_own_retry_and_endpoint_name_are_honoured_when_the_defaults_are_off()
    {
        await StartAsync(x =>
        {
            x.AddDuplexBusOutbox(o => o.RetryAndPark = false);
            x.AddConfigureEndpointsCallback((_, _, e) => e.UseMessageRetry(r => r.Immediate(4)));
        });

        await _host!.Services.GetRequiredService<IBus>().Publish(new Refused(Guid.NewGuid()));

        // Its own retry: 1 + 4 tries; then MassTransit's fault, not a parked row.
        await Eventually.Until(() => Task.FromResult(_attempts.Faults), f => f == 1, TimeSpan.FromSeconds(30), "the fault after the application's own retries");
        Assert.Equal(5, _attempts.Count);
        Assert.All(_attempts.InputAddresses, a => Assert.EndsWith("/" + QueueName, a.AbsolutePath, StringComparison.Ordinal));
        Assert.Equal(0, await ParkedCountAsync());
    }

    [Fact]
    public async Task With_the_defaults_a_failure_is_tried_again_then_parked_under_the_applications_endpoint_name()
    {
        await StartAsync(x => x.AddDuplexBusOutbox());

        await _host!.Services.GetRequiredService<IBus>().Publish(new Refused(Guid.NewGuid()));

        await Eventually.Until(ParkedCountAsync, n => n == 1, TimeSpan.FromSeconds(30), "the refused message parked");
        Assert.Equal(3, _attempts.Count); // DuplexBus:Consumers:PermanentFailureRetries = 2 by default
        await using var scope = _host.Services.CreateAsyncScope();
        var parked = await scope.ServiceProvider.GetRequiredService<StoreTestDbContext>().Set<ParkedMessage>().SingleAsync();
        Assert.Equal(ParkedMessage.EndpointSourcePrefix + QueueName, parked.Source);
    }

    private async Task StartAsync(Action<IBusRegistrationConfigurator> duplexBus)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(_attempts);
        builder.Services.AddDuplexBus(new ConfigurationBuilder().Build(), bus => bus.UseSqlite<StoreTestDbContext>(ConnectionString));
        builder.Services.AddMassTransit(x =>
        {
            duplexBus(x);
            x.AddConsumer<RefusingConsumer>().Endpoint(e => e.Name = QueueName);
            x.AddConsumer<FaultCounter>();
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        _host = builder.Build();
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StoreTestDbContext>().Database.EnsureCreatedAsync();
        await _host.StartAsync();
    }

    private async Task<int> ParkedCountAsync()
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoreTestDbContext>().Set<ParkedMessage>().CountAsync();
    }

    public sealed record Refused(Guid Id);

    public sealed class Attempts
    {
        private int _count;
        private int _faults;

        public int Count => Volatile.Read(ref _count);

        public int Faults => Volatile.Read(ref _faults);

        public System.Collections.Concurrent.ConcurrentQueue<Uri> InputAddresses { get; } = new();

        public void Tried(Uri input)
        {
            InputAddresses.Enqueue(input);
            Interlocked.Increment(ref _count);
        }

        public void Faulted() => Interlocked.Increment(ref _faults);
    }

    public sealed class RefusingConsumer(Attempts attempts) : IConsumer<Refused>
    {
        public Task Consume(ConsumeContext<Refused> context)
        {
            attempts.Tried(context.ReceiveContext.InputAddress);
            throw new InvalidOperationException("This message never succeeds.");
        }
    }

    public sealed class FaultCounter(Attempts attempts) : IConsumer<Fault<Refused>>
    {
        public Task Consume(ConsumeContext<Fault<Refused>> context)
        {
            attempts.Faulted();
            return Task.CompletedTask;
        }
    }
}
