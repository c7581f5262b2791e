using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// The lease statements: plain SQL both PostgreSQL and SQLite run (upsert with a condition, RETURNING). Every time is
/// reckoned by one clock, the database's: PostgreSQL's <c>now()</c>, so a host whose own clock runs ahead neither
/// takes the others' partitions early nor holds its own too long (SQLite lives on one machine: its clock). The round
/// every host makes each <see cref="PartitionOwnershipOptions.RenewInterval"/> is one round trip on PostgreSQL.
/// </summary>
internal sealed class PartitionLeaseStore(IServiceScopeFactory scopes, TimeProvider time)
{
    // A host not seen for this many lease durations is forgotten.
    private const int ForgetAfterLeases = 10;

    // One batch, one implicit transaction: now() is the same instant in every statement, and the count sees our own
    // upsert.
    private const string SeenNow =
        "INSERT INTO saga_partition_host (owner, seen_at) VALUES ($1, now()) ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at";
    private const string ForgetGone = "DELETE FROM saga_partition_host WHERE seen_at < now() - $1";
    private const string NowAndLiveHosts = "SELECT now(), count(*) FROM saga_partition_host WHERE seen_at >= now() - $1";
    private const string RenewFromNow = "UPDATE saga_partition_lease SET expires_at = now() + $2 WHERE owner = $1 RETURNING queue";

    /// <summary>
    /// Says <paramref name="owner"/> lives, forgets hosts long gone, counts the live ones and renews every lease
    /// <paramref name="owner"/> still holds until <paramref name="leaseDuration"/> from now.
    /// </summary>
    public async Task<LeaseRound> RoundAsync(string owner, TimeSpan leaseDuration)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        if (db.Database.IsNpgsql())
            return await PostgreSqlRoundAsync(db, owner, leaseDuration).ConfigureAwait(false);
        // SQLite: the same steps as separate statements on the round's own context, by the host's clock.
        var now = time.GetUtcNow().UtcDateTime;
        await SeenAsync(db, owner, now).ConfigureAwait(false);
        var live = await LiveHostsAsync(db, now - leaseDuration, now - (ForgetAfterLeases * leaseDuration)).ConfigureAwait(false);
        return new(now, live, await RenewAsync(db, owner, now + leaseDuration).ConfigureAwait(false));
    }

    private static async Task<LeaseRound> PostgreSqlRoundAsync(DbContext db, string owner, TimeSpan leaseDuration)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync().ConfigureAwait(false);
        try
        {
            NpgsqlParameter Owner() => new NpgsqlParameter<string> { TypedValue = owner };
            NpgsqlParameter Span(TimeSpan span) => new NpgsqlParameter<TimeSpan> { TypedValue = span, NpgsqlDbType = NpgsqlDbType.Interval };
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(SeenNow) { Parameters = { Owner() } },
                    new NpgsqlBatchCommand(ForgetGone) { Parameters = { Span(ForgetAfterLeases * leaseDuration) } },
                    new NpgsqlBatchCommand(NowAndLiveHosts) { Parameters = { Span(leaseDuration) } },
                    new NpgsqlBatchCommand(RenewFromNow) { Parameters = { Owner(), Span(leaseDuration) } },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            while (reader.FieldCount == 0 && await reader.NextResultAsync().ConfigureAwait(false))
            {
                // Past the upsert and the delete, which have no result set.
            }
            await reader.ReadAsync().ConfigureAwait(false);
            var now = reader.GetFieldValue<DateTime>(0);
            var live = (int)reader.GetInt64(1);
            await reader.NextResultAsync().ConfigureAwait(false);
            var held = new List<string>();
            while (await reader.ReadAsync().ConfigureAwait(false))
                held.Add(reader.GetString(0));
            return new(now, live, held);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    public Task SeenAsync(string owner, DateTime now) => InScopeAsync(db => SeenAsync(db, owner, now));

    /// <summary>Hosts seen since <paramref name="since"/>; forgets the ones long gone.</summary>
    public Task<int> LiveHostsAsync(DateTime since, DateTime forgetBefore) => InScopeAsync(db => LiveHostsAsync(db, since, forgetBefore));

    /// <summary>Extends every lease <paramref name="owner"/> still holds; returns their queues.</summary>
    public Task<List<string>> RenewAsync(string owner, DateTime expiresAt) => InScopeAsync(db => RenewAsync(db, owner, expiresAt));

    private static Task<int> SeenAsync(DbContext db, string owner, DateTime now) => db.Database.ExecuteSqlRawAsync(
        "INSERT INTO saga_partition_host (owner, seen_at) VALUES ({0}, {1}) ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at",
        owner, now);

    private static async Task<int> LiveHostsAsync(DbContext db, DateTime since, DateTime forgetBefore)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM saga_partition_host WHERE seen_at < {0}", forgetBefore).ConfigureAwait(false);
        var counted = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM saga_partition_host WHERE seen_at >= {0}", since)
            .ToListAsync().ConfigureAwait(false);
        return (int)counted.Single();
    }

    private static Task<List<string>> RenewAsync(DbContext db, string owner, DateTime expiresAt) => db.Database.SqlQueryRaw<string>(
        "UPDATE saga_partition_lease SET expires_at = {0} WHERE owner = {1} RETURNING queue AS \"Value\"",
        expiresAt, owner).ToListAsync();

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

    private Task<int> ExecuteAsync(string sql, params object[] parameters) =>
        InScopeAsync(db => db.Database.ExecuteSqlRawAsync(sql, parameters));

    private Task<List<T>> QueryAsync<T>(string sql, params object[] parameters) =>
        InScopeAsync(db => db.Database.SqlQueryRaw<T>(sql, parameters).ToListAsync());

    private async Task<T> InScopeAsync<T>(Func<DbContext, Task<T>> statements)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await statements(DuplexBusDatabase.Get(scope.ServiceProvider)).ConfigureAwait(false);
    }
}
