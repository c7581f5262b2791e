using DuplexBus.Configuration;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Samples.Contracts;
using DuplexBus.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>
/// The authenticated client a message came from travels with it: the relay sends the outbox row's identity as the
/// <see cref="OutboxHeaders.ClientIdentity"/> header, which a consumer (or a saga) reads from its context.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class ClientIdentityHeaderTests(ServersFixture servers)
{
    [Fact]
    public async Task A_consumer_reads_the_client_identity_of_the_call_from_a_header()
    {
        var connectionString = await servers.CreateDatabaseAsync("identityheader");
        var received = new IdentityProbe();
        var services = new ServiceCollection().AddLogging().AddSingleton(received);
        services.AddDuplexBus(new ConfigurationBuilder().Build(), bus => bus
            .UsePostgreSql<StoreTestDbContext>(connectionString)
            .OutboxMessage<AddItem>());
        services.AddMassTransit(x =>
        {
            x.AddDuplexBusOutbox();
            x.AddConsumer<IdentityConsumer>();
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StoreTestDbContext>().Database.EnsureCreatedAsync();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
            await service.StartAsync(CancellationToken.None);
        try
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
                var (type, body) = outbox.Serialize(new AddItem(Guid.NewGuid(), 1, "alice's"), typeof(AddItem));
                outbox.AddSerialized(type, body, Guid.NewGuid(), clientIdentity: "alice");
                (type, body) = outbox.Serialize(new AddItem(Guid.NewGuid(), 2, "anonymous"), typeof(AddItem));
                outbox.AddSerialized(type, body, Guid.NewGuid());
                await scope.ServiceProvider.GetRequiredService<StoreTestDbContext>().SaveChangesAsync();
            }
            provider.GetRequiredService<OutboxSignal>().Notify();

            var seen = await received.All.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal("alice", seen["alice's"]);
            Assert.Null(seen["anonymous"]);
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(hosted))
                await service.StopAsync(CancellationToken.None);
        }
    }

    public sealed class IdentityProbe
    {
        private readonly Dictionary<string, string?> _seen = [];

        public TaskCompletionSource<Dictionary<string, string?>> All { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Saw(string value, string? identity)
        {
            lock (_seen)
            {
                _seen[value] = identity;
                if (_seen.Count == 2)
                    All.TrySetResult(new Dictionary<string, string?>(_seen));
            }
        }
    }

    public sealed class IdentityConsumer(IdentityProbe probe) : IConsumer<AddItem>
    {
        public Task Consume(ConsumeContext<AddItem> context)
        {
            probe.Saw(context.Message.Value, context.Headers.Get<string>(OutboxHeaders.ClientIdentity));
            return Task.CompletedTask;
        }
    }
}
