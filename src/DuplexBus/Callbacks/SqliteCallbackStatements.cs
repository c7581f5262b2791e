using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Callbacks;

/// <summary>
/// The dispatcher's statements on SQLite. One process owns the file and its write gate already serialises
/// transactions, so there is nothing to skip.
/// </summary>
internal sealed class SqliteCallbackStatements : ICallbackStatements
{
    // SQLite keeps times as text ("yyyy-MM-dd HH:mm:ss.FFFFFFF", as EF writes them), which sorts as the times do.
    // Due times are the database's clock ('now') plus the host's span, as on PostgreSQL, so that all of it is one
    // clock; strftime writes the same shape with milliseconds.
    private const string DbNow = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    private const string ClaimSql =
        "UPDATE callback_message SET lease_id = {0}, next_attempt_at = strftime('%Y-%m-%d %H:%M:%f', 'now', {1}) WHERE id IN ("
        + "SELECT id FROM callback_message WHERE state = 0 AND next_attempt_at <= " + DbNow + " ORDER BY next_attempt_at LIMIT {2}) RETURNING *";

    private const string NextDueSql =
        "SELECT (julianday(min(next_attempt_at)) - julianday('now')) * 86400.0 AS \"Value\" FROM callback_message WHERE state = 0";

    public async Task<CallbackClaim> ClaimAsync(DbContext db, int batchSize, Guid leaseId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var claimed = await db.Set<CallbackMessage>()
            .FromSqlRaw(ClaimSql, leaseId, Later(lease), batchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var seconds = await db.Database.SqlQueryRaw<double?>(NextDueSql).SingleAsync(cancellationToken).ConfigureAwait(false);
        return new(claimed, seconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    public async Task<bool[]> RecordAsync(DbContext db, IReadOnlyList<CallbackOutcome> outcomes, CancellationToken cancellationToken)
    {
        // Statements in one SQLite transaction cost no round trips: one per outcome is as fast as one for all.
        var recorded = new bool[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            var changed = await db.Database.ExecuteSqlAsync(
                $"UPDATE callback_message SET state = {(int)o.State}, attempts = {o.Attempts}, next_attempt_at = strftime('%Y-%m-%d %H:%M:%f', 'now', {Later(o.DueIn)}), lease_id = NULL, delivered_at = {o.DeliveredAt}, last_status_code = {o.StatusCode}, last_error = {o.RecordedError} WHERE id = {o.Callback.Id} AND lease_id = {o.Callback.LeaseId}",
                cancellationToken).ConfigureAwait(false);
            recorded[i] = changed == 1;
        }
        return recorded;
    }

    public async Task<int> ReleaseAsync(DbContext db, IReadOnlyList<CallbackGiveBack> callbacks, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var (callback, dueIn) in callbacks)
        {
            released += await db.Database.ExecuteSqlAsync(
                $"UPDATE callback_message SET lease_id = NULL, next_attempt_at = strftime('%Y-%m-%d %H:%M:%f', 'now', {Later(dueIn)}) WHERE id = {callback.Id} AND lease_id = {callback.LeaseId}",
                cancellationToken).ConfigureAwait(false);
        }
        return released;
    }

    /// <summary>An SQLite date modifier: <paramref name="span"/> later.</summary>
    private static string Later(TimeSpan span) =>
        (span < TimeSpan.Zero ? TimeSpan.Zero : span).TotalSeconds.ToString("+0.000", System.Globalization.CultureInfo.InvariantCulture) + " seconds";
}
