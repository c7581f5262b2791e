using DuplexBus.Callbacks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DuplexBus.Persistence;

/// <summary>
/// SQLite has no row locks: a write transaction locks the whole file. Writers of this process queue on an
/// in-process gate instead of spinning in SQLite's busy handler, which keeps latency flat under load. Only for
/// the embedded quick-start, where one process owns the file.
/// </summary>
internal sealed class SqliteDialect : IDatabaseDialect, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public string Name => "SQLite";

    public async Task<IDbContextTransaction> BeginTransactionAsync(DbContext db, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new GatedTransaction(transaction, _writer);
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    public string SelectForUpdate(string table, string keyColumn) =>
        $"SELECT * FROM {table} WHERE {keyColumn} = {{0}}";

    public void Dispose() => _writer.Dispose();

    public (string Sql, object[] Parameters) SelectManyForUpdate(string table, string keyColumn, IReadOnlyList<string> keys)
    {
        var placeholders = string.Join(", ", keys.Select((_, i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
        return ($"SELECT * FROM {table} WHERE {keyColumn} IN ({placeholders}) ORDER BY {keyColumn}", [.. keys]);
    }

    public string ClaimOutbox(int batchSize) =>
        $"SELECT * FROM outbox_message WHERE sent_at IS NULL ORDER BY seq LIMIT {batchSize}";

    // One process, and the write gate already serialises transactions: nothing to skip.
    // SQLite keeps times as text ("yyyy-MM-dd HH:mm:ss.FFFFFFF", as EF writes them), which sorts as the times do.
    // Due times are the database's clock ('now') plus the host's span, as on PostgreSQL, so that all of it is one
    // clock; strftime writes the same shape with milliseconds.
    private const string DbNow = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    private const string ClaimSql =
        "UPDATE callback_message SET lease_id = {0}, next_attempt_at = strftime('%Y-%m-%d %H:%M:%f', 'now', {1}) WHERE id IN ("
        + "SELECT id FROM callback_message WHERE state = 0 AND next_attempt_at <= " + DbNow + " ORDER BY next_attempt_at LIMIT {2}) RETURNING *";

    public async Task<IReadOnlyList<CallbackMessage>> ClaimCallbacksAsync(DbContext db, int batchSize, Guid leaseId, TimeSpan lease, CancellationToken cancellationToken) =>
        await db.Set<CallbackMessage>()
            .FromSqlRaw(ClaimSql, leaseId, Later(lease), batchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

    public async Task<bool[]> RecordCallbacksAsync(DbContext db, IReadOnlyList<CallbackOutcome> outcomes, CancellationToken cancellationToken)
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

    public async Task<int> ReleaseCallbacksAsync(DbContext db, IReadOnlyList<CallbackGiveBack> callbacks, CancellationToken cancellationToken)
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

    public Task<bool> TryTakeRelayTurnAsync(DbContext db, TimeSpan holdLimit, CancellationToken cancellationToken) => Task.FromResult(true);

    public bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // 19 = SQLITE_CONSTRAINT; 1555/2067 = primary key / unique extended codes.
            if (e is SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.SqliteExtendedErrorCode is 1555 or 2067)
                return true;
        }
        return false;
    }
}
