using DuplexBus.Callbacks;
using DuplexBus.Diagnostics.Gauges;
using DuplexBus.Edge.Sessions;
using DuplexBus.Outbox;
using DuplexBus.Parking;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>
/// The operational gauges' reading on each database: every figure from the rows that make it, the counts stopping at
/// the limit, the ages from the oldest row. No host runs: nothing but the test changes the rows.
/// </summary>
public abstract class OperationalSnapshotContract : IAsyncLifetime
{
    private static readonly DateTime Now = DateTime.UtcNow;
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    private DbContextOptions<StoreTestDbContext> _options = null!;

    protected abstract Task<DbContextOptions<StoreTestDbContext>> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _options = await CreateDatabaseAsync();
        await using var db = new StoreTestDbContext(_options);
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_empty_store_reads_zero_everywhere_and_no_age()
    {
        var snapshot = await ReadAsync(countLimit: 100);

        Assert.Equal((0, 0, 0, 0, 0, 0), (snapshot.OpenSequences, snapshot.OutboxBacklog, snapshot.ParkedMessages,
            snapshot.CallbacksDue, snapshot.CallbacksRetrying, snapshot.CallbacksDeadLettered));
        Assert.Null(snapshot.OldestUnsentAge);
        Assert.Null(snapshot.OldestDueCallbackAge);
    }

    [Fact]
    public async Task Each_figure_counts_only_the_rows_in_its_state()
    {
        await using (var db = new StoreTestDbContext(_options))
        {
            db.AddRange(
                Sequence("open-1", status: 0, lastNumber: null),
                Sequence("open-2", status: 0, lastNumber: null),
                Sequence("last-known", status: 0, lastNumber: 5),
                Sequence("terminated", status: 2, lastNumber: null));
            db.AddRange(
                Outbox(createdAgo: TimeSpan.FromMinutes(3), sent: false),
                Outbox(createdAgo: TimeSpan.FromMinutes(1), sent: false),
                Outbox(createdAgo: TimeSpan.FromMinutes(9), sent: true));
            db.Add(new ParkedMessage { Id = Guid.NewGuid(), Source = ParkedMessage.OutboxSource, MessageId = Guid.NewGuid(), MessageType = "urn:test", Reason = "test", ParkedAt = Now });
            db.AddRange(
                Callback(CallbackState.Pending, attempts: 0, due: Now.AddMinutes(-2)),
                Callback(CallbackState.Pending, attempts: 3, due: Now.AddSeconds(-30)),
                Callback(CallbackState.Pending, attempts: 1, due: Now.AddMinutes(10)),
                Callback(CallbackState.Pending, attempts: 0, due: Now.AddMinutes(10)),
                Callback(CallbackState.DeadLettered, attempts: 9, due: Now.AddMinutes(-60)),
                Callback(CallbackState.Delivered, attempts: 1, due: Now.AddMinutes(-60)));
            await db.SaveChangesAsync();
        }

        var snapshot = await ReadAsync(countLimit: 100);

        Assert.Equal(2, snapshot.OpenSequences);
        Assert.Equal(2, snapshot.OutboxBacklog);
        Assert.InRange(snapshot.OldestUnsentAge!.Value, TimeSpan.FromMinutes(3) - Tolerance, TimeSpan.FromMinutes(3) + Tolerance);
        Assert.Equal(1, snapshot.ParkedMessages);
        Assert.Equal(2, snapshot.CallbacksDue);
        Assert.Equal(2, snapshot.CallbacksRetrying);
        Assert.Equal(1, snapshot.CallbacksDeadLettered);
        Assert.InRange(snapshot.OldestDueCallbackAge!.Value, TimeSpan.FromMinutes(2) - Tolerance, TimeSpan.FromMinutes(2) + Tolerance);
    }

    [Fact]
    public async Task A_count_stops_at_the_limit_and_the_age_still_comes_from_the_oldest_row()
    {
        await using (var db = new StoreTestDbContext(_options))
        {
            // Written oldest first, as the outbox is: the first row (the lowest seq) is 7 minutes old.
            db.AddRange(Enumerable.Range(0, 7).Select(i => Outbox(createdAgo: TimeSpan.FromMinutes(7 - i), sent: false)));
            db.AddRange(Enumerable.Range(1, 7).Select(i => Callback(CallbackState.DeadLettered, attempts: 1, due: Now)));
            await db.SaveChangesAsync();
        }

        var snapshot = await ReadAsync(countLimit: 5);

        Assert.Equal(5, snapshot.OutboxBacklog);
        Assert.Equal(5, snapshot.CallbacksDeadLettered);
        Assert.InRange(snapshot.OldestUnsentAge!.Value, TimeSpan.FromMinutes(7) - Tolerance, TimeSpan.FromMinutes(7) + Tolerance);
    }

    private async Task<OperationalSnapshot> ReadAsync(int countLimit)
    {
        await using var db = new StoreTestDbContext(_options);
        return await OperationalSnapshotReader.ReadAsync(db, DateTime.SpecifyKind(Now, DateTimeKind.Utc), countLimit, CancellationToken.None);
    }

    private static RmSequenceRow Sequence(string id, int status, long? lastNumber) => new()
    {
        Id = id, RmVersion = "1.1", SoapVersion = "1.2", AddressingVersion = "1.0", AcksTo = "http://127.0.0.1/acks", Endpoint = "/services/work",
        Client = "address:127.0.0.1", Status = status, LastNumber = lastNumber, CreatedAt = Now, LastActivityAt = Now,
    };

    private static OutboxMessage Outbox(TimeSpan createdAgo, bool sent) => new()
    {
        MessageId = Guid.NewGuid(), MessageType = "urn:test", Body = "{}", CreatedAt = Now - createdAgo, SentAt = sent ? Now : null,
    };

    private static CallbackMessage Callback(CallbackState state, int attempts, DateTime due) => new()
    {
        Id = Guid.NewGuid(), Address = "http://127.0.0.1:9/cb", SoapVersion = "1.2", AddressingVersion = "1.0", Action = "urn:test/Done",
        Body = "<Done/>", State = state, Attempts = attempts, NextAttemptAt = due, CreatedAt = Now, WindowStartedAt = Now,
    };
}
