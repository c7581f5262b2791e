using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Persistence;

/// <summary>
/// SQLite has no row locks: a write transaction (BEGIN IMMEDIATE) locks the whole file, which serialises
/// the embedded host's writers just as well. Only for the embedded quick-start.
/// </summary>
internal sealed class SqliteDialect : IDatabaseDialect
{
    public string Name => "SQLite";

    public string SelectForUpdate(string table, string keyColumn) =>
        $"SELECT * FROM {table} WHERE {keyColumn} = {{0}}";

    public string ClaimOutbox(int batchSize) =>
        $"SELECT * FROM outbox_message WHERE sent_at IS NULL ORDER BY seq LIMIT {batchSize}";

    public Task<bool> TryTakeRelayTurnAsync(DbContext db, CancellationToken cancellationToken) => Task.FromResult(true);

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
