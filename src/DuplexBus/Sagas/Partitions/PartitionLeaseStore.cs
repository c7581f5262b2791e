using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// The lease statements, one round trip each. Plain SQL both PostgreSQL and SQLite run (upsert with a condition,
/// RETURNING), with times as UTC parameters taken from one clock: <see cref="NowAsync"/>.
/// </summary>
internal sealed class PartitionLeaseStore(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>
    /// The time every host's leases are reckoned by: PostgreSQL's clock, so a host whose own clock runs ahead neither
    /// takes the others' partitions early nor holds its own too long. SQLite lives on one machine: its clock.
    /// </summary>
    public async Task<DateTime> NowAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        if (!db.Database.IsNpgsql())
            return time.GetUtcNow().UtcDateTime;
        return await db.Database.SqlQueryRaw<DateTime>("SELECT now() AS \"Value\"").SingleAsync().ConfigureAwait(false);
    }

    public Task SeenAsync(string owner, DateTime now) => ExecuteAsync(
        "INSERT INTO saga_partition_host (owner, seen_at) VALUES ({0}, {1}) ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at",
        owner, now);

    /// <summary>Hosts seen since <paramref name="since"/>; forgets the ones long gone.</summary>
    public async Task<int> LiveHostsAsync(DateTime since, DateTime forgetBefore)
    {
        await ExecuteAsync("DELETE FROM saga_partition_host WHERE seen_at < {0}", forgetBefore).ConfigureAwait(false);
        var counted = await QueryAsync<long>("SELECT count(*) AS \"Value\" FROM saga_partition_host WHERE seen_at >= {0}", since).ConfigureAwait(false);
        return (int)counted.Single();
    }

    /// <summary>Extends every lease <paramref name="owner"/> still holds; returns their queues.</summary>
    public Task<List<string>> RenewAsync(string owner, DateTime expiresAt) => QueryAsync<string>(
        "UPDATE saga_partition_lease SET expires_at = {0} WHERE owner = {1} RETURNING queue AS \"Value\"",
        expiresAt, owner);

    /// <summary>Takes <paramref name="queue"/> when nobody holds it or its lease has run out.</summary>
    public async Task<bool> TryClaimAsync(string queue, string owner, DateTime expiresAt, DateTime now) =>
        (await QueryAsync<string>(
            "INSERT INTO saga_partition_lease (queue, owner, expires_at) VALUES ({0}, {1}, {2}) "
            + "ON CONFLICT (queue) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at "
            + "WHERE saga_partition_lease.expires_at < {3} OR saga_partition_lease.owner = excluded.owner RETURNING queue AS \"Value\"",
            queue, owner, expiresAt, now).ConfigureAwait(false)).Count == 1;

    public Task ReleaseAsync(string queue, string owner) =>
        ExecuteAsync("DELETE FROM saga_partition_lease WHERE queue = {0} AND owner = {1}", queue, owner);

    public async Task LeaveAsync(string owner)
    {
        await ExecuteAsync("DELETE FROM saga_partition_lease WHERE owner = {0}", owner).ConfigureAwait(false);
        await ExecuteAsync("DELETE FROM saga_partition_host WHERE owner = {0}", owner).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var scope = scopes.CreateAsyncScope();
        await DuplexBusDatabase.Get(scope.ServiceProvider).Database.ExecuteSqlRawAsync(sql, parameters).ConfigureAwait(false);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, params object[] parameters)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await DuplexBusDatabase.Get(scope.ServiceProvider).Database.SqlQueryRaw<T>(sql, parameters).ToListAsync().ConfigureAwait(false);
    }
}
