using System.Xml.Linq;
using DuplexBus.Callbacks;
using DuplexBus.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>
/// The callback table on each database: leases, results recorded only under the lease that claimed them, replay.
/// Due times and lease ends are the database's clock; a test ends a lease or makes a callback due by moving the
/// row's time into the past (this machine's clock is the database's), and this host runs no dispatcher.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);
    private static readonly CallbackEndpoint Receiver = new("http://127.0.0.1:9/cb", "1.2", "1.0", "");

    private async Task<IReadOnlyList<Guid>> AddCallbacksAsync(int count, Guid? correlationId = null, string? address = null)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreTestDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<CallbackWriter>();
        var endpoint = address is null ? Receiver : Receiver with { Address = address };
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var row = writer.Add(endpoint, "urn:test/Done", new XElement("{urn:test}Done"), Guid.NewGuid(), correlationId);
            row.NextAttemptAt = DateTime.UtcNow.AddMinutes(-1);
            ids.Add(row.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Moves the rows' due time (for a claimed row: its lease end) a minute into the past.</summary>
    private async Task MakeDueAsync(params Guid[] ids)
    {
        var past = DateTime.UtcNow.AddMinutes(-1);
        await using var db = new StoreTestDbContext(_options);
        await db.Set<CallbackMessage>().Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextAttemptAt, past));
    }

    private async Task<IReadOnlyList<CallbackMessage>> ClaimAsync(int batchSize) => (await ClaimWithNextDueAsync(batchSize)).Callbacks;

    private Task<CallbackClaim> ClaimWithNextDueAsync(int batchSize) => WithStoreAsync(s => s.ClaimAsync(batchSize, Lease, CancellationToken.None));

    /// <summary>Moves the row's due time <paramref name="dueIn"/> from now.</summary>
    private async Task MakeDueInAsync(Guid id, TimeSpan dueIn)
    {
        var at = DateTime.UtcNow + dueIn;
        await using var db = new StoreTestDbContext(_options);
        await db.Set<CallbackMessage>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextAttemptAt, at));
    }

    private async Task<T> WithStoreAsync<T>(Func<CallbackStore, Task<T>> use)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<CallbackStore>());
    }

    private async Task<CallbackMessage> CallbackAsync(Guid id)
    {
        await using var db = new StoreTestDbContext(_options);
        return await db.Set<CallbackMessage>().AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task A_claimed_callback_belongs_to_one_dispatcher_until_its_lease_ends_by_the_database_clock()
    {
        await AddCallbacksAsync(5);

        var first = await ClaimAsync(10);
        var meanwhile = await ClaimAsync(10);
        await MakeDueAsync([.. first.Select(c => c.Id)]);
        var afterLease = await ClaimAsync(10);

        Assert.Equal(5, first.Count);
        Assert.All(first, c => Assert.Equal(DateTime.UtcNow + Lease, c.NextAttemptAt, Tolerance));
        Assert.Empty(meanwhile);
        Assert.Equal(first.Select(c => c.Id).Order(), afterLease.Select(c => c.Id).Order());
        Assert.All(afterLease, c => Assert.DoesNotContain(first, f => f.LeaseId == c.LeaseId));
    }

    [Fact]
    public async Task A_claim_says_when_the_earliest_pending_callback_comes_due_by_the_database_clock()
    {
        var nothingPending = await ClaimWithNextDueAsync(10);
        var ids = await AddCallbacksAsync(2);
        await MakeDueInAsync(ids[1], TimeSpan.FromMinutes(1));

        var first = await ClaimWithNextDueAsync(10);
        await WithStoreAsync(s => s.RecordDeliveredAsync(first.Callbacks.Single(), 202, DateTime.UtcNow, CancellationToken.None));
        var afterDelivery = await ClaimWithNextDueAsync(10);
        await MakeDueAsync(ids[1]);
        var second = await ClaimWithNextDueAsync(10); // its own lease end is all that is pending now
        await WithStoreAsync(s => s.RecordDeadLetteredAsync(second.Callbacks.Single(), CallbackAttemptResult.Unreachable("gone"), CancellationToken.None));
        var afterAll = await ClaimWithNextDueAsync(10);

        Assert.Empty(nothingPending.Callbacks);
        Assert.Null(nothingPending.NextDueIn);
        Assert.Equal(ids[0], first.Callbacks.Single().Id);
        Assert.InRange(first.NextDueIn!.Value, TimeSpan.FromMinutes(1) - Tolerance, TimeSpan.FromMinutes(1) + Tolerance);
        Assert.Empty(afterDelivery.Callbacks);
        Assert.InRange(afterDelivery.NextDueIn!.Value, TimeSpan.FromMinutes(1) - Tolerance, TimeSpan.FromMinutes(1) + Tolerance);
        Assert.Equal(ids[1], second.Callbacks.Single().Id);
        Assert.InRange(second.NextDueIn!.Value, Lease - Tolerance, Lease + Tolerance);
        Assert.Empty(afterAll.Callbacks);
        Assert.Null(afterAll.NextDueIn);
    }

    [Fact]
    public async Task Concurrent_claims_never_share_a_callback()
    {
        await AddCallbacksAsync(40);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ClaimAsync(10)));

        var ids = claims.SelectMany(c => c).Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(40, ids.Count);
    }

    [Fact]
    public async Task A_result_under_a_lost_lease_is_ignored_and_the_new_holder_records_delivery_with_an_event()
    {
        var instance = Guid.NewGuid();
        await AddCallbacksAsync(1, instance);
        var stale = (await ClaimAsync(1)).Single();
        await MakeDueAsync(stale.Id);
        var current = (await ClaimAsync(1)).Single();

        var staleRecorded = await WithStoreAsync(s => s.RecordRetryAsync(stale, CallbackAttemptResult.Unreachable("timeout"), TimeSpan.FromHours(1), CancellationToken.None));
        var currentRecorded = await WithStoreAsync(s => s.RecordDeliveredAsync(current, 202, DateTime.UtcNow, CancellationToken.None));

        Assert.False(staleRecorded);
        Assert.True(currentRecorded);
        var row = await CallbackAsync(current.Id);
        Assert.Equal(CallbackState.Delivered, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(202, row.LastStatusCode);
        await using var db = new StoreTestDbContext(_options);
        var events = await db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(nameof(CallbackDelivered))).ToListAsync();
        Assert.Contains(events, e => e.Body.Contains(instance.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_dead_lettered_callback_is_listed_and_replay_puts_it_back_in_line_with_a_fresh_window()
    {
        await AddCallbacksAsync(1);
        var claimed = (await ClaimAsync(1)).Single();
        Assert.True(await WithStoreAsync(s => s.RecordDeadLetteredAsync(claimed, CallbackAttemptResult.NotAllowed("test"), CancellationToken.None)));

        var listed = await WithStoreAsync(s => s.ListAsync(CallbackState.DeadLettered, 1000, CancellationToken.None));
        var replayAt = DateTime.UtcNow.AddSeconds(-1);
        var replayed = await WithStoreAsync(s => s.ReplayAsync(claimed.Id, replayAt, CancellationToken.None));
        var replayedTwice = await WithStoreAsync(s => s.ReplayAsync(claimed.Id, replayAt, CancellationToken.None));

        Assert.Contains(listed, c => c.Id == claimed.Id);
        Assert.True(replayed);
        Assert.False(replayedTwice);
        var row = await CallbackAsync(claimed.Id);
        Assert.Equal(CallbackState.Pending, row.State);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(replayAt, row.WindowStartedAt, TimeSpan.FromMilliseconds(1));
        var again = await ClaimAsync(1);
        Assert.Equal(claimed.Id, again.Single().Id);
    }

    [Fact]
    public async Task Replay_of_many_puts_back_the_dead_letters_to_one_destination_or_all_of_them_in_one_go()
    {
        var toFirst = await AddCallbacksAsync(2, address: "http://127.0.0.1:9001/cb");
        var toSecond = await AddCallbacksAsync(3, address: "http://127.0.0.1:9002/cb");
        var pending = await AddCallbacksAsync(1, address: "http://127.0.0.1:9001/cb");
        var claimed = await ClaimAsync(10);
        var dead = claimed.Where(c => !pending.Contains(c.Id)).ToList();
        foreach (var callback in dead)
            Assert.True(await WithStoreAsync(s => s.RecordDeadLetteredAsync(callback, CallbackAttemptResult.NotAllowed("test"), CancellationToken.None)));
        Assert.True(CallbackDestinationFilter.TryParse("127.0.0.1:9001", out var first));
        var now = DateTime.UtcNow.AddSeconds(-1);

        var toFirstReplayed = await WithStoreAsync(s => s.ReplayDeadAsync(first, now, CancellationToken.None));
        var restReplayed = await WithStoreAsync(s => s.ReplayDeadAsync(null, now, CancellationToken.None));
        var byIds = await WithStoreAsync(s => s.ReplayAsync([.. toFirst, .. pending], now, CancellationToken.None));

        Assert.Equal(2, toFirstReplayed);
        Assert.Equal(3, restReplayed);
        Assert.Empty(byIds); // pending already, and one was never dead
        foreach (var id in toFirst.Concat(toSecond))
            Assert.Equal(CallbackState.Pending, (await CallbackAsync(id)).State);
        Assert.Equal(toFirst.Concat(toSecond).Order(), (await ClaimAsync(10)).Select(c => c.Id).Order());
    }

    [Fact]
    public async Task One_record_writes_a_batch_of_mixed_outcomes_and_skips_only_the_one_whose_lease_was_lost()
    {
        var instance = Guid.NewGuid();
        await AddCallbacksAsync(4, instance);
        var firstClaim = await ClaimAsync(4);
        await MakeDueAsync(firstClaim[0].Id);
        var reclaimed = (await ClaimAsync(1)).Single();
        var lostLease = firstClaim.Single(c => c.Id == reclaimed.Id);
        CallbackMessage[] claimed = [.. firstClaim.Where(c => c != lostLease), lostLease];
        var retryIn = TimeSpan.FromMinutes(5);
        CallbackOutcome[] outcomes =
        [
            CallbackOutcome.Delivered(claimed[0], 202, DateTime.UtcNow),
            CallbackOutcome.Retry(claimed[1], CallbackAttemptResult.FromResponse(System.Net.HttpStatusCode.ServiceUnavailable, []), retryIn),
            CallbackOutcome.DeadLettered(claimed[2], CallbackAttemptResult.NotAllowed("test")),
            CallbackOutcome.Delivered(lostLease, 200, DateTime.UtcNow),
        ];

        var (recorded, wroteEvents) = await WithStoreAsync(s => s.RecordAsync(outcomes, CancellationToken.None));

        Assert.Equal([true, true, true, false], recorded);
        Assert.True(wroteEvents);
        var rows = await Task.WhenAll(claimed.Select(c => CallbackAsync(c.Id)));
        Assert.Equal([CallbackState.Delivered, CallbackState.Pending, CallbackState.DeadLettered, CallbackState.Pending], rows.Select(r => r.State));
        Assert.Equal(DateTime.UtcNow + retryIn, rows[1].NextAttemptAt, Tolerance);
        Assert.Equal(503, rows[1].LastStatusCode);
        Assert.All(rows[..3], r => Assert.Null(r.LeaseId)); // recorded: the lease is over, a retry is claimed afresh
        Assert.Equal(reclaimed.LeaseId, rows[3].LeaseId); // the new holder's lease stands
        Assert.Equal(0, rows[3].Attempts);
        Assert.Empty(await ClaimAsync(10)); // the retry is not due yet
        await MakeDueAsync(claimed[1].Id);
        var again = await ClaimAsync(10);
        Assert.Equal(claimed[1].Id, again.Single().Id);
    }

    [Fact]
    public async Task A_callback_given_back_is_due_when_said_with_its_attempts_and_last_result_unchanged()
    {
        await AddCallbacksAsync(2);
        var claimed = await ClaimAsync(2);
        Assert.True(await WithStoreAsync(s => s.RecordRetryAsync(claimed[0], CallbackAttemptResult.FromResponse(System.Net.HttpStatusCode.BadGateway, []), TimeSpan.Zero, CancellationToken.None)));
        var retried = (await ClaimAsync(1)).Single();
        var stillHeld = claimed[1];
        await MakeDueAsync(stillHeld.Id);
        var lostLease = (await ClaimAsync(1)).Single();
        var givenBackIn = TimeSpan.FromMinutes(1);

        var released = await WithStoreAsync(s => s.ReleaseAsync([new(retried, givenBackIn), new(stillHeld, givenBackIn)], CancellationToken.None));

        Assert.Equal(claimed[0].Id, retried.Id);
        Assert.Equal(stillHeld.Id, lostLease.Id);
        Assert.Equal(1, released); // the other was claimed again meanwhile: that holder's lease stands
        var row = await CallbackAsync(retried.Id);
        Assert.Equal(CallbackState.Pending, row.State);
        Assert.Null(row.LeaseId);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(502, row.LastStatusCode);
        Assert.Equal(DateTime.UtcNow + givenBackIn, row.NextAttemptAt, Tolerance);
        Assert.Equal(lostLease.LeaseId, (await CallbackAsync(stillHeld.Id)).LeaseId);
        Assert.Empty(await ClaimAsync(10)); // given back for a minute: not due before
        await MakeDueAsync(retried.Id);
        Assert.Equal(retried.Id, (await ClaimAsync(10)).Single().Id);
    }
}
