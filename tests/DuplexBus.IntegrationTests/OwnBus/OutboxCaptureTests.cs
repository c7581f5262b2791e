using System.Collections.Concurrent;
using DuplexBus.Configuration;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Sagas;
using DuplexBus.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.OwnBus;

/// <summary>
/// Plain <c>context.Publish</c> and <c>Send</c> in a saga and in a consumer go through the outbox (PostgreSQL, RabbitMQ):
/// an attempt that fails after publishing leaves nothing behind, its retry publishes once, a redelivered message
/// publishes nothing twice, a sent message keeps its address, and the types travel without being declared (they are
/// known from the state machine's events and the consumers).
/// </summary>
[Collection(nameof(RealServers))]
public sealed partial class OutboxCaptureTests(ServersFixture servers)
{
    private const string DirectQueue = "capture-direct";
    private const string LateQueue = "capture-late";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Publish_and_Send_in_sagas_and_consumers_take_effect_once_through_the_outbox()
    {
        var ledger = new CaptureLedger();
        var (app, connectionString, rabbitMq) = await StartAsync("capture", ledger, x =>
        {
            x.AddSagaStateMachine<CaptureStateMachine, CaptureState>().UseDuplexBusRepository();
            x.AddConsumer<StepConsumer>();
            x.AddConsumer<DirectConsumer>().Endpoint(e => e.Name = DirectQueue);
        });
        await using var _ = app;

        // Two instances whose saga fails once right after publishing, two whose consumer does, two that never fail.
        var instances = Enumerable.Range(0, 6).Select(_ => NewId.NextGuid()).ToList();
        ledger.FailSagaOnce(instances[0], instances[1]);
        ledger.FailConsumerOnce(instances[2], instances[3]);
        var bus = app.Services.GetRequiredService<IBus>();
        foreach (var instance in instances)
            await bus.Publish(new Begin(instance));

        // And a NextStep delivered twice with one MessageId, as after a crash before the acknowledgement.
        var redelivered = NewId.NextGuid();
        var stepId = NewId.NextGuid();
        for (var delivery = 0; delivery < 2; delivery++)
            await bus.Publish(new NextStep(redelivered), c => c.MessageId = stepId);

        string Progress() => $"directs {string.Join(',', instances.Select(ledger.Directs))}; steps {string.Join(',', instances.Select(ledger.StepsConsumed))}; "
            + $"saga attempts {string.Join(',', instances.Select(ledger.SagaAttempts))}; redelivered step consumed {ledger.StepsConsumed(redelivered)}";
        await Eventually.Until(() => Task.FromResult(Progress()), _ => instances.All(i => ledger.Directs(i) > 0) && ledger.StepsConsumed(redelivered) == 2, Bound,
            "every instance's Direct arrived and the redelivered NextStep was consumed twice");
        await Eventually.Until(() => QuietAsync(connectionString, rabbitMq), quiet => quiet, Bound, "no unsent outbox row and no message in any queue");

        foreach (var instance in instances)
        {
            Assert.Equal(1, ledger.Directs(instance));
            Assert.Equal(1L, await RowsAsync(connectionString, "NextStep", instance));
            Assert.Equal(1L, await RowsAsync(connectionString, "Stepped", instance));
            Assert.Equal(1L, await RowsAsync(connectionString, "Direct", instance));
            Assert.Equal(1L, await Sql.ScalarAsync(connectionString, $"SELECT stepped FROM capture_state WHERE correlation_id = '{instance}'"));
        }
        Assert.Equal([2, 2], instances[..2].Select(ledger.SagaAttempts));
        Assert.Equal([2, 2], instances[2..4].Select(ledger.StepsConsumed));
        Assert.Equal(1L, await RowsAsync(connectionString, "Stepped", redelivered));
        var destination = await Sql.TextAsync(connectionString, $"SELECT destination FROM outbox_message WHERE message_type LIKE '%+Direct' AND body->>'id' = '{instances[4]}'");
        Assert.EndsWith("/" + DirectQueue, new Uri(destination!).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM parked_message"));
    }

    [Fact]
    public async Task A_message_sent_to_a_queue_nobody_has_bound_yet_stays_in_the_outbox_until_the_endpoint_exists()
    {
        var ledger = new CaptureLedger();
        var (app, connectionString, rabbitMq) = await StartAsync("capture_late", ledger, _ => { }, declare: bus => bus.OutboxMessage<Direct>());
        await using var _ = app;

        var id = NewId.NextGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var row = scope.ServiceProvider.GetRequiredService<OutboxWriter>().Add(new Direct(id), NewId.NextGuid());
            row.Destination = "queue:" + LateQueue;
            await scope.ServiceProvider.GetRequiredService<CaptureDbContext>().SaveChangesAsync();
        }

        // Nothing is bound to the endpoint's exchange: the broker returns the message and the row waits.
        await Eventually.Until(() => Sql.ScalarAsync(connectionString, "SELECT attempts FROM outbox_message WHERE sent_at IS NULL"), n => n >= 2, Bound,
            "the relay tried the send twice and kept the row");
        Assert.Contains("returned", await Sql.TextAsync(connectionString, "SELECT last_error FROM outbox_message"), StringComparison.OrdinalIgnoreCase);

        // The endpoint comes up, as a quorum queue: the next try reaches it.
        var handle = app.Services.GetRequiredService<IReceiveEndpointConnector>().ConnectReceiveEndpoint(LateQueue, (context, endpoint) =>
        {
            ((IRabbitMqReceiveEndpointConfigurator)endpoint).SetQuorumQueue();
            endpoint.Consumer(() => new DirectConsumer(ledger));
        });
        await handle.Ready;
        await Eventually.Until(() => Task.FromResult(ledger.Directs(id)), n => n == 1, Bound, "the Direct reached the late endpoint");
        await Eventually.Until(() => QuietAsync(connectionString, rabbitMq), quiet => quiet, Bound, "no unsent outbox row and no message in any queue");
        Assert.Equal(1, ledger.Directs(id));
        Assert.Equal(0L, await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM parked_message"));
    }

    /// <summary>A host on a database and virtual host of its own, with the test's sagas and consumers on its bus.</summary>
    private async Task<(WebApplication App, string ConnectionString, string RabbitMq)> StartAsync(
        string name, CaptureLedger ledger, Action<IBusRegistrationConfigurator> bus, Action<DuplexBusConfigurator>? declare = null)
    {
        var connectionString = await servers.CreateDatabaseAsync(name);
        var rabbitMq = await servers.CreateVirtualHostAsync(name);
        var app = await InProcessHost.StartAsync<CaptureDbContext>(
            database =>
            {
                database.UsePostgreSql<CaptureDbContext>(connectionString);
                declare?.Invoke(database);
            },
            _ => { },
            builder =>
            {
                builder.Services.AddSingleton(ledger);
                // A send the broker returned is tried again within a second, not the default half minute.
                builder.Configuration["DuplexBus:Outbox:MaxRetryDelay"] = "00:00:01";
            },
            bus,
            new Uri(rabbitMq));
        return (app, connectionString, rabbitMq);
    }

    private static Task<long> RowsAsync(string connectionString, string type, Guid instance) =>
        Sql.ScalarAsync(connectionString, $"SELECT count(*) FROM outbox_message WHERE message_type LIKE '%+{type}' AND body->>'id' = '{instance}'");

    private async Task<bool> QuietAsync(string connectionString, string rabbitMq) =>
        await Sql.ScalarAsync(connectionString, "SELECT count(*) FROM outbox_message WHERE sent_at IS NULL") == 0
        && (await servers.RabbitMq.QueueMessagesAsync(rabbitMq)).Values.All(n => n == 0);

    public sealed record Begin(Guid Id);

    public sealed record NextStep(Guid Id);

    public sealed record Stepped(Guid Id);

    public sealed record Direct(Guid Id);

    public sealed class CaptureState : SagaStateMachineInstance
    {
        public Guid CorrelationId { get; set; }

        public string CurrentState { get; set; } = "";

        public int Stepped { get; set; }
    }

    /// <summary>Begin publishes a NextStep; the Stepped it leads to sends a Direct to a queue by address.</summary>
    public sealed class CaptureStateMachine : MassTransitStateMachine<CaptureState>
    {
        public CaptureStateMachine()
        {
            InstanceState(s => s.CurrentState);
            Event(() => Began, e => e.CorrelateById(m => m.Message.Id));
            Event(() => SteppedOnce, e =>
            {
                e.CorrelateById(m => m.Message.Id);
                e.OnMissingInstance(m => m.Discard());
            });

            Initially(When(Began)
                .Publish(c => new NextStep(c.Saga.CorrelationId))
                .Then(c => c.GetServiceOrCreateInstance<CaptureLedger>().SagaAttempt(c.Saga.CorrelationId))
                .TransitionTo(Started));
            During(Started, When(SteppedOnce)
                .Then(c => c.Saga.Stepped++)
                .Send(new Uri($"queue:{DirectQueue}"), c => new Direct(c.Saga.CorrelationId)));
        }

        public State Started { get; private set; } = null!;

        public Event<Begin> Began { get; private set; } = null!;

        public Event<Stepped> SteppedOnce { get; private set; } = null!;
    }

    public sealed class StepConsumer(CaptureLedger ledger) : IConsumer<NextStep>
    {
        public async Task Consume(ConsumeContext<NextStep> context)
        {
            await context.Publish(new Stepped(context.Message.Id), context.CancellationToken);
            ledger.StepConsumed(context.Message.Id);
        }
    }

    public sealed class DirectConsumer(CaptureLedger ledger) : IConsumer<Direct>
    {
        public Task Consume(ConsumeContext<Direct> context)
        {
            ledger.DirectArrived(context.Message.Id);
            return Task.CompletedTask;
        }
    }

    /// <summary>What the saga and the consumers saw, and which of their first attempts fail after publishing.</summary>
    public sealed class CaptureLedger
    {
        private readonly ConcurrentDictionary<Guid, int> _sagaAttempts = new();
        private readonly ConcurrentDictionary<Guid, int> _steps = new();
        private readonly ConcurrentDictionary<Guid, int> _directs = new();
        private readonly ConcurrentDictionary<Guid, bool> _failSaga = new();
        private readonly ConcurrentDictionary<Guid, bool> _failConsumer = new();

        public void FailSagaOnce(params Guid[] ids) => Array.ForEach(ids, id => _failSaga[id] = true);

        public void FailConsumerOnce(params Guid[] ids) => Array.ForEach(ids, id => _failConsumer[id] = true);

        public int SagaAttempts(Guid id) => _sagaAttempts.GetValueOrDefault(id);

        public int StepsConsumed(Guid id) => _steps.GetValueOrDefault(id);

        public int Directs(Guid id) => _directs.GetValueOrDefault(id);

        public void SagaAttempt(Guid id)
        {
            _sagaAttempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (_failSaga.TryRemove(id, out _))
                throw new InvalidOperationException("The saga fails once, after publishing.");
        }

        public void StepConsumed(Guid id)
        {
            _steps.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (_failConsumer.TryRemove(id, out _))
                throw new InvalidOperationException("The consumer fails once, after publishing.");
        }

        public void DirectArrived(Guid id) => _directs.AddOrUpdate(id, 1, (_, n) => n + 1);
    }

    public sealed class CaptureDbContext(DbContextOptions<CaptureDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.AddDuplexBus(Database);
            modelBuilder.ApplyConfiguration(new CaptureStateMap());
        }
    }

    public sealed class CaptureStateMap() : SagaClassMap<CaptureState>("capture_state")
    {
        protected override void ConfigureSaga(EntityTypeBuilder<CaptureState> builder) =>
            builder.Property(s => s.CurrentState).HasMaxLength(64);
    }
}
