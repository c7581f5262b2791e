using System.Xml.Linq;
using DuplexBus.Callbacks;
using DuplexBus.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>
/// The callback table on each database: leases, results recorded only under the lease that claimed them, replay.
/// The callbacks are due a day from now, so the running host's own dispatcher never touches them; the tests claim
/// "at" that time.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly CallbackEndpoint Receiver = new("http://127.0.0.1:9/cb", "1.2", "1.0", "");

    private async Task<DateTime> AddCallbacksAsync(int count, Guid? correlationId = null)
    {
        var due = DateTime.UtcNow.AddDays(1);
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DuplexBus.Persistence.DuplexBusDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<CallbackWriter>();
        for (var i = 0; i < count; i++)
            writer.Add(Receiver, "urn:test/Done", new XElement("{urn:test}Done"), Guid.NewGuid(), correlationId).NextAttemptAt = due;
        await db.SaveChangesAsync();
        return due;
    }

    private async Task<T> WithStoreAsync<T>(Func<CallbackStore, Task<T>> use)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<CallbackStore>());
    }

    private async Task<CallbackMessage> CallbackAsync(Guid id)
    {
        await using var db = new StoreTestDbContext(_options);
        return await db.CallbackMessages.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task A_claimed_callback_belongs_to_one_dispatcher_until_its_lease_ends()
    {
        var due = await AddCallbacksAsync(5);

        var first = await WithStoreAsync(s => s.ClaimAsync(10, due, Lease, CancellationToken.None));
        var meanwhile = await WithStoreAsync(s => s.ClaimAsync(10, due.AddMinutes(1), Lease, CancellationToken.None));
        var afterLease = await WithStoreAsync(s => s.ClaimAsync(10, due + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None));

        Assert.Equal(5, first.Count);
        Assert.DoesNotContain(meanwhile, c => first.Any(f => f.Id == c.Id));
        Assert.Equal(first.Select(c => c.Id).Order(), afterLease.Where(c => first.Any(f => f.Id == c.Id)).Select(c => c.Id).Order());
        Assert.All(afterLease, c => Assert.DoesNotContain(first, f => f.LeaseId == c.LeaseId));
    }

    [Fact]
    public async Task Concurrent_claims_never_share_a_callback()
    {
        var due = await AddCallbacksAsync(40);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WithStoreAsync(s => s.ClaimAsync(10, due, Lease, CancellationToken.None))));

        var ids = claims.SelectMany(c => c).Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(40, ids.Count);
    }

    [Fact]
    public async Task A_result_under_a_lost_lease_is_ignored_and_the_new_holder_records_delivery_with_an_event()
    {
        var instance = Guid.NewGuid();
        var due = await AddCallbacksAsync(1, instance);
        var stale = (await WithStoreAsync(s => s.ClaimAsync(1, due, Lease, CancellationToken.None))).Single();
        var current = (await WithStoreAsync(s => s.ClaimAsync(1, due + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None))).Single();

        var staleRecorded = await WithStoreAsync(s => s.RecordRetryAsync(stale, CallbackAttemptResult.Unreachable("timeout"), due.AddHours(1), CancellationToken.None));
        var currentRecorded = await WithStoreAsync(s => s.RecordDeliveredAsync(current, 202, due, CancellationToken.None));

        Assert.False(staleRecorded);
        Assert.True(currentRecorded);
        var row = await CallbackAsync(current.Id);
        Assert.Equal(CallbackState.Delivered, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(202, row.LastStatusCode);
        await using var db = new StoreTestDbContext(_options);
        var events = await db.OutboxMessages.Where(m => m.MessageType.Contains(nameof(CallbackDelivered))).ToListAsync();
        Assert.Contains(events, e => e.Body.Contains(instance.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_dead_lettered_callback_is_listed_and_replay_puts_it_back_in_line_with_a_fresh_window()
    {
        var due = await AddCallbacksAsync(1);
        var claimed = (await WithStoreAsync(s => s.ClaimAsync(1, due, Lease, CancellationToken.None))).Single();
        Assert.True(await WithStoreAsync(s => s.RecordDeadLetteredAsync(claimed, CallbackAttemptResult.NotAllowed("test"), due, CancellationToken.None)));

        var listed = await WithStoreAsync(s => s.ListAsync(CallbackState.DeadLettered, 1000, CancellationToken.None));
        var replayAt = due.AddHours(2);
        var replayed = await WithStoreAsync(s => s.ReplayAsync(claimed.Id, replayAt, CancellationToken.None));
        var replayedTwice = await WithStoreAsync(s => s.ReplayAsync(claimed.Id, replayAt, CancellationToken.None));

        Assert.Contains(listed, c => c.Id == claimed.Id);
        Assert.True(replayed);
        Assert.False(replayedTwice);
        var row = await CallbackAsync(claimed.Id);
        Assert.Equal(CallbackState.Pending, row.State);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(replayAt, row.WindowStartedAt, TimeSpan.FromMilliseconds(1));
        var again = await WithStoreAsync(s => s.ClaimAsync(1, replayAt, Lease, CancellationToken.None));
        Assert.Equal(claimed.Id, again.Single().Id);
    }

    [Fact]
    public async Task One_record_writes_a_batch_of_mixed_outcomes_and_skips_only_the_one_whose_lease_was_lost()
    {
        var instance = Guid.NewGuid();
        var due = await AddCallbacksAsync(4, instance);
        var firstClaim = await WithStoreAsync(s => s.ClaimAsync(4, due, Lease, CancellationToken.None));
        var reclaimed = (await WithStoreAsync(s => s.ClaimAsync(1, due + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None))).Single();
        var lostLease = firstClaim.Single(c => c.Id == reclaimed.Id);
        CallbackMessage[] claimed = [.. firstClaim.Where(c => c != lostLease), lostLease];
        var retryAt = due.AddMinutes(5);
        CallbackOutcome[] outcomes =
        [
            CallbackOutcome.Delivered(claimed[0], 202, due),
            CallbackOutcome.Retry(claimed[1], CallbackAttemptResult.FromResponse(System.Net.HttpStatusCode.ServiceUnavailable, []), retryAt),
            CallbackOutcome.DeadLettered(claimed[2], CallbackAttemptResult.NotAllowed("test"), due),
            CallbackOutcome.Delivered(lostLease, 200, due),
        ];

        var (recorded, wroteEvents) = await WithStoreAsync(s => s.RecordAsync(outcomes, CancellationToken.None));

        Assert.Equal([true, true, true, false], recorded);
        Assert.True(wroteEvents);
        var rows = await Task.WhenAll(claimed.Select(c => CallbackAsync(c.Id)));
        Assert.Equal([CallbackState.Delivered, CallbackState.Pending, CallbackState.DeadLettered, CallbackState.Pending], rows.Select(r => r.State));
        Assert.Equal(retryAt, rows[1].NextAttemptAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(503, rows[1].LastStatusCode);
        Assert.All(rows[..3], r => Assert.Null(r.LeaseId)); // recorded: the lease is over, a retry is claimed afresh
        Assert.Equal(reclaimed.LeaseId, rows[3].LeaseId); // the new holder's lease stands
        Assert.Equal(0, rows[3].Attempts);
        var again = await WithStoreAsync(s => s.ClaimAsync(10, retryAt, Lease, CancellationToken.None));
        Assert.Contains(again, c => c.Id == claimed[1].Id);
        Assert.DoesNotContain(again, c => c.Id == claimed[0].Id || c.Id == claimed[2].Id);
    }

    [Fact]
    public async Task A_callback_given_back_is_due_when_said_with_its_attempts_and_last_result_unchanged()
    {
        var due = await AddCallbacksAsync(2);
        var claimed = await WithStoreAsync(s => s.ClaimAsync(2, due, Lease, CancellationToken.None));
        Assert.True(await WithStoreAsync(s => s.RecordRetryAsync(claimed[0], CallbackAttemptResult.FromResponse(System.Net.HttpStatusCode.BadGateway, []), due, CancellationToken.None)));
        var retried = (await WithStoreAsync(s => s.ClaimAsync(1, due.AddSeconds(10), Lease, CancellationToken.None))).Single();
        var stillHeld = claimed[1];
        var lostLease = (await WithStoreAsync(s => s.ClaimAsync(1, due + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None))).Single();
        var givenBackAt = due.AddSeconds(40);

        var released = await WithStoreAsync(s => s.ReleaseAsync([new(retried, givenBackAt), new(stillHeld, givenBackAt)], CancellationToken.None));

        Assert.Equal(stillHeld.Id, lostLease.Id);
        Assert.Equal(1, released); // the other was claimed again meanwhile: that holder's lease stands
        var row = await CallbackAsync(retried.Id);
        Assert.Equal(CallbackState.Pending, row.State);
        Assert.Null(row.LeaseId);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(502, row.LastStatusCode);
        Assert.Equal(givenBackAt, row.NextAttemptAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(lostLease.LeaseId, (await CallbackAsync(stillHeld.Id)).LeaseId);
        var again = await WithStoreAsync(s => s.ClaimAsync(10, givenBackAt, Lease, CancellationToken.None));
        Assert.Contains(again, c => c.Id == retried.Id);
    }
}
