using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DuplexBus.Persistence;

internal sealed class PostgreSqlDialect : IDatabaseDialect
{
    public string Name => "PostgreSQL";

    /// <summary>The connection string with automatic preparation switched on, unless it already chose.</summary>
    public static string WithDefaults(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows, so ask a plain one what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    public Task<IDbContextTransaction> BeginTransactionAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(cancellationToken);

    public string SelectForUpdate(string table, string keyColumn) =>
        $"SELECT * FROM {table} WHERE {keyColumn} = {{0}} FOR UPDATE";

    public (string Sql, object[] Parameters) SelectManyForUpdate(string table, string keyColumn, IReadOnlyList<string> keys) =>
        ($"SELECT * FROM {table} WHERE {keyColumn} = ANY({{0}}) ORDER BY {keyColumn} FOR UPDATE", [keys.ToArray()]);

    public bool IsUniqueViolation(Exception exception) =>
        FindPostgresException(exception) is { SqlState: PostgresErrorCodes.UniqueViolation };

    private static PostgresException? FindPostgresException(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException postgres)
                return postgres;
        }
        return null;
    }
}
