using System.Collections.Concurrent;
using DuplexBus.Outbox;
using DuplexBus.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.OwnBus;

/// <summary>
/// The relay publishes rows of different instances together and rows of one instance in commit order: a send the
/// broker keeps returning holds up the later messages of its own instance, and only those.
/// </summary>
public sealed partial class OutboxCaptureTests
{
    private const string HeldQueue = "capture-held";
    private const string FlowingQueue = "capture-flowing";

    [Fact]
    public async Task A_send_the_broker_returns_holds_up_only_the_later_messages_of_its_own_instance()
    {
        var arrivals = new LaneArrivals();
        var (app, connectionString, rabbitMq) = await StartAsync("capture_lanes", new CaptureLedger(), x =>
        {
            x.AddSingleton(arrivals);
            x.AddConsumer<LanedConsumer>().Endpoint(e =>
            {
                e.Name = FlowingQueue;
                e.ConcurrentMessageLimit = 1;
            });
        });
        await using var _ = app;

        // Committed together, in this order: held 1 to a queue nobody has bound yet (returned on every try), held 2
        // behind it, and two rows of another instance.
        var (held, flowing) = (NewId.NextGuid(), NewId.NextGuid());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            outbox.Add(new Laned(held, 1), NewId.NextGuid()).Destination = "queue:" + HeldQueue;
            outbox.Add(new Laned(held, 2), NewId.NextGuid()).Destination = "queue:" + HeldQueue;
            outbox.Add(new Laned(flowing, 1), NewId.NextGuid()).Destination = "queue:" + FlowingQueue;
            outbox.Add(new Laned(flowing, 2), NewId.NextGuid()).Destination = "queue:" + FlowingQueue;
            await scope.ServiceProvider.GetRequiredService<CaptureDbContext>().SaveChangesAsync();
        }

        await Eventually.Until(() => Task.FromResult(arrivals.Of(flowing)), a => a.Count == 2, Bound, "the other instance's messages arrived past the held one");
        await Eventually.Until(() => Sql.ScalarAsync(connectionString, "SELECT max(attempts) FROM outbox_message WHERE sent_at IS NULL"), n => n >= 2, Bound,
            "the returned send was tried twice");
        Assert.Equal([1, 2], arrivals.Of(flowing));
        Assert.Empty(arrivals.Of(held));
        // Held 2 was never tried: sending it while held 1 is refused would let it overtake.
        Assert.Equal(0L, await Sql.ScalarAsync(connectionString, $"SELECT attempts FROM outbox_message WHERE body->>'correlationId' = '{held}' AND body->>'index' = '2'"));
        Assert.Equal(2L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM outbox_message WHERE sent_at IS NULL"));

        var handle = app.Services.GetRequiredService<IReceiveEndpointConnector>().ConnectReceiveEndpoint(HeldQueue, (context, endpoint) =>
        {
            ((IRabbitMqReceiveEndpointConfigurator)endpoint).SetQuorumQueue();
            endpoint.ConcurrentMessageLimit = 1;
            endpoint.Consumer(() => new LanedConsumer(arrivals));
        });
        await handle.Ready;
        await Eventually.Until(() => Task.FromResult(arrivals.Of(held)), a => a.Count >= 2, Bound, "the held instance's messages arrived once its queue existed");
        await Eventually.Until(() => QuietAsync(connectionString, rabbitMq), quiet => quiet, Bound, "no unsent outbox row and no message in any queue");
        Assert.Equal([1, 2], arrivals.Of(held));
        Assert.Equal([1, 2], arrivals.Of(flowing));
    }

    public sealed record Laned(Guid CorrelationId, int Index);

    public sealed class LanedConsumer(LaneArrivals arrivals) : IConsumer<Laned>
    {
        public Task Consume(ConsumeContext<Laned> context)
        {
            arrivals.Arrived(context.Message.CorrelationId, context.Message.Index);
            return Task.CompletedTask;
        }
    }

    /// <summary>The indexes each instance's messages arrived with, in arrival order.</summary>
    public sealed class LaneArrivals
    {
        private readonly ConcurrentDictionary<Guid, List<int>> _arrivals = new();

        public void Arrived(Guid instance, int index)
        {
            var list = _arrivals.GetOrAdd(instance, _ => []);
            lock (list)
                list.Add(index);
        }

        public List<int> Of(Guid instance)
        {
            var list = _arrivals.GetOrAdd(instance, _ => []);
            lock (list)
                return [.. list];
        }
    }
}
