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
