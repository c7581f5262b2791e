using DuplexBus.Configuration;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Sagas;
using DuplexBus.Samples.Contracts;
using DuplexBus.Samples.Sagas;
using DuplexBus.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>
/// What the store must do on each database: MassTransit (in-memory transport) drives the sample saga through
/// <c>AddDuplexBus</c> and the EF Core repository, and retention cleanup trims the tables; the assertions read
/// the database directly.
/// </summary>
public abstract partial class StoreContract : IAsyncLifetime
{
    private IHost _host = null!;

    protected FailOnceInterceptor Faults { get; } = new();

    protected abstract void UseDatabase(DuplexBusConfigurator bus, Action<DbContextOptionsBuilder> configure);

    protected abstract Task<DbContextOptions<StoreTestDbContext>> CreateDatabaseAsync();

    private DbContextOptions<StoreTestDbContext> _options = null!;

    public async Task InitializeAsync()
    {
        _options = await CreateDatabaseAsync();
        await using (var db = new StoreTestDbContext(_options))
            await db.Database.EnsureCreatedAsync();

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDuplexBus(new ConfigurationBuilder().Build(), bus =>
        {
            UseDatabase(bus, o => o.AddInterceptors(Faults));
        });
        builder.Services.AddMassTransit(x =>
        {
            x.AddDuplexBusOutbox();
            x.AddWorkSample();
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        // The callback tests drive the store themselves, with callbacks due now: no dispatcher of this host may take them.
        builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DuplexBus.Callbacks.CallbackDispatcher)));
        _host = builder.Build();
        await _host.StartAsync();
        // The saga's endpoint is connected once the bus has started; publishing before that would find no queue.
        await _host.Services.GetRequiredService<DuplexBus.Outbox.BusReadiness>().WhenReady.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private Task PublishAsync<T>(T message, Guid messageId)
        where T : class =>
        _host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId);

    private async Task<WorkState?> LoadAsync(Guid instance)
    {
        await using var db = new StoreTestDbContext(_options);
        return await db.Set<WorkState>().AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == instance);
    }

    private Task<WorkState?> StateWhenAsync(Guid instance, Func<WorkState, bool> done, string because) =>
        Eventually.Until(() => LoadAsync(instance), s => s is not null && done(s), TimeSpan.FromSeconds(30), because);

    private async Task<int> InboxMarksAsync(Guid messageId)
    {
        await using var db = new StoreTestDbContext(_options);
        return await db.Set<InboxState>().CountAsync(i => i.MessageId == messageId && i.Consumer == EfSagaRepositoryContextFactory<WorkState>.ConsumerName);
    }

    [Fact]
    public async Task First_event_inserts_the_instance_and_later_events_update_it()
    {
        var instance = Guid.NewGuid();

        for (var index = 1; index <= 10; index++)
            await PublishAsync(new AddItem(instance, index, "v"), NewId.NextGuid());
        await PublishAsync(new StartWork(instance, 1), NewId.NextGuid());

        var state = await StateWhenAsync(instance, s => s.WorkStartedAt is not null, "StartWork applied after the items");
        Assert.Equal(10, state!.ItemCount);
        Assert.Equal(10, state.LastIndex);
        Assert.True(state.InOrder);
    }

    [Fact]
    public async Task Redelivered_message_is_dropped_by_the_inbox()
    {
        var instance = Guid.NewGuid();
        var messageId = NewId.NextGuid();

        await PublishAsync(new AddItem(instance, 1, "v"), messageId);
        await PublishAsync(new AddItem(instance, 1, "v"), messageId);
        await PublishAsync(new AddItem(instance, 2, "sentinel"), NewId.NextGuid());

        var state = await StateWhenAsync(instance, s => s.LastIndex == 2, "the sentinel applied");
        Assert.Equal(2, state!.ItemCount);
        Assert.Equal(1, await InboxMarksAsync(messageId));
    }

    [Fact]
    public async Task Redelivered_message_whose_replay_fails_is_dropped_not_retried()
    {
        var instance = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        await PublishAsync(new AddItem(instance, 1, "v"), messageId);
        await StateWhenAsync(instance, s => s.ItemCount == 1, "the first delivery applied");

        // The saga's changes are saved with the inbox mark, after the state machine ran: a redelivery runs it again,
        // and here its save fails. That it was applied before must still make it a duplicate, not a failure to retry.
        Faults.FailNextSaveOf(instance);
        await PublishAsync(new AddItem(instance, 1, "v"), messageId);
        await PublishAsync(new AddItem(instance, 2, "sentinel"), NewId.NextGuid());

        var state = await StateWhenAsync(instance, s => s.LastIndex == 2, "the sentinel applied");
        Assert.Equal(1, Faults.Failures);
        Assert.Equal(2, state!.ItemCount);
        Assert.True(state.InOrder);
        Assert.Equal(1, await InboxMarksAsync(messageId));
    }

    [Fact]
    public async Task Failed_attempt_rolls_back_its_inbox_mark_so_the_retry_applies_the_message()
    {
        var instance = Guid.NewGuid();
        await PublishAsync(new AddItem(instance, 1, "v"), NewId.NextGuid());
        await StateWhenAsync(instance, s => s.ItemCount == 1, "the instance exists");
        var messageId = NewId.NextGuid();

        Faults.FailNextSaveOf(instance);
        await PublishAsync(new AddItem(instance, 2, "v"), messageId);

        var state = await StateWhenAsync(instance, s => s.ItemCount == 2, "the retried message applied");
        Assert.Equal(1, Faults.Failures);
        Assert.Equal(2, state!.LastIndex);
        Assert.Equal(1, await InboxMarksAsync(messageId));
    }

    [Fact]
    public async Task Retention_cleanup_deletes_old_sent_rows_and_old_inbox_marks_only()
    {
        var old = DateTime.UtcNow.AddDays(-30);
        var recent = DateTime.UtcNow.AddMinutes(-1);
        OutboxMessage Row(DateTime created, DateTime? sent) => new()
        {
            MessageId = Guid.NewGuid(),
            MessageType = "urn:message:Unregistered:KeptUnsent",
            Body = "{}",
            CreatedAt = created,
            SentAt = sent,
        };
        var oldSent = Row(old, old);
        var oldUnsent = Row(old, null);
        var recentSent = Row(recent, recent);
        var oldMark = new InboxState { Consumer = "cleanup-test", MessageId = Guid.NewGuid(), ReceivedAt = old };
        var recentMark = new InboxState { Consumer = "cleanup-test", MessageId = Guid.NewGuid(), ReceivedAt = recent };
        await using (var db = new StoreTestDbContext(_options))
        {
            db.Set<OutboxMessage>().AddRange(oldSent, oldUnsent, recentSent);
            db.Set<InboxState>().AddRange(oldMark, recentMark);
            await db.SaveChangesAsync();
        }

        // The host's own cleanup may run at the same moment; either way the end state is the same.
        await _host.Services.GetRequiredService<RetentionCleanup>().CleanOnceAsync(CancellationToken.None);

        await using var check = new StoreTestDbContext(_options);
        var outbox = await check.Set<OutboxMessage>().Select(m => m.MessageId).ToListAsync();
        var inbox = await check.Set<InboxState>().Where(s => s.Consumer == "cleanup-test").Select(s => s.MessageId).ToListAsync();
        Assert.DoesNotContain(oldSent.MessageId, outbox);
        Assert.Contains(oldUnsent.MessageId, outbox);
        Assert.Contains(recentSent.MessageId, outbox);
        Assert.Equal([recentMark.MessageId], inbox);
    }

    [Fact]
    public async Task Idle_sequences_are_terminated_and_finished_ones_deleted_with_their_rows()
    {
        var now = DateTime.UtcNow;
        RmSequenceRow Sequence(string id, RmSequenceStatus status, TimeSpan idle) => new()
        {
            Id = id, RmVersion = "1.0", SoapVersion = "1.2", AddressingVersion = "1.0", AcksTo = "anonymous", Ordered = true,
            Received = "1", Status = (int)status, CreatedAt = now - idle, LastActivityAt = now - idle,
        };
        var suffix = Guid.NewGuid().ToString("N");
        await using (var db = new StoreTestDbContext(_options))
        {
            db.Set<RmSequenceRow>().AddRange(
                Sequence("active-" + suffix, RmSequenceStatus.Open, TimeSpan.FromMinutes(1)),
                Sequence("idle-" + suffix, RmSequenceStatus.Open, TimeSpan.FromMinutes(20)),
                Sequence("finished-" + suffix, RmSequenceStatus.Terminated, TimeSpan.FromHours(2)));
            db.Set<RmHeldMessageRow>().Add(new RmHeldMessageRow { SequenceId = "finished-" + suffix, Number = 3, MessageType = "t", Body = "{}" });
            db.Set<RmReplyRow>().Add(new RmReplyRow { SequenceId = "finished-" + suffix, RequestNumber = 1, ReplyNumber = 1, Action = "a", Body = "" });
            await db.SaveChangesAsync();
        }

        await _host.Services.GetRequiredService<RetentionCleanup>().CleanOnceAsync(CancellationToken.None);

        await using var check = new StoreTestDbContext(_options);
        var left = await check.Set<RmSequenceRow>().Where(s => s.Id.EndsWith(suffix)).ToDictionaryAsync(s => s.Id[..s.Id.IndexOf('-', StringComparison.Ordinal)], s => (RmSequenceStatus)s.Status);
        Assert.Equal(RmSequenceStatus.Open, left["active"]);
        Assert.Equal(RmSequenceStatus.Terminated, left["idle"]);
        Assert.False(left.ContainsKey("finished"));
        Assert.Equal(0, await check.Set<RmHeldMessageRow>().CountAsync(h => h.SequenceId == "finished-" + suffix));
        Assert.Equal(0, await check.Set<RmReplyRow>().CountAsync(r => r.SequenceId == "finished-" + suffix));
    }
}
