using System.Data.Common;
using DuplexBus.Callbacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DuplexBus.Persistence;

internal sealed class PostgreSqlDialect : IDatabaseDialect
{
    // An arbitrary constant shared by every relay of one database: "DuplexBus relay".
    private const long RelayLockKey = 0x4475_706C_6578_5231;

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

    public string ClaimOutbox(int batchSize) =>
        $"SELECT * FROM outbox_message WHERE sent_at IS NULL ORDER BY seq LIMIT {batchSize} FOR UPDATE SKIP LOCKED";

    public Task<IReadOnlyList<CallbackMessage>> ClaimCallbacksAsync(DbContext db, int batchSize, Guid leaseId, TimeSpan lease, CancellationToken cancellationToken) =>
        PostgreSqlCallbackStatements.ClaimAsync(Connection(db), Transaction(db), batchSize, leaseId, lease, cancellationToken);

    public Task<bool[]> RecordCallbacksAsync(DbContext db, IReadOnlyList<CallbackOutcome> outcomes, CancellationToken cancellationToken) =>
        PostgreSqlCallbackStatements.RecordAsync(Connection(db), Transaction(db), outcomes, cancellationToken);

    public Task<int> ReleaseCallbacksAsync(DbContext db, IReadOnlyList<CallbackGiveBack> callbacks, CancellationToken cancellationToken) =>
        PostgreSqlCallbackStatements.ReleaseAsync(Connection(db), Transaction(db), callbacks, cancellationToken);

    public async Task<bool> TryTakeRelayTurnAsync(DbContext db, TimeSpan holdLimit, CancellationToken cancellationToken)
    {
        // The lock lives as long as the transaction. TCP keepalives do not end it when the host is frozen or cut off
        // behind something that still answers (its kernel, a proxy), so the server bounds the transaction itself;
        // set_config(…, true) is SET LOCAL inside the one round trip that takes the lock.
        var milliseconds = ((long)holdLimit.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var taken = await db.Database
            .SqlQuery<bool>(
                $"SELECT pg_try_advisory_xact_lock({RelayLockKey}) AS \"Value\" FROM (SELECT set_config('idle_in_transaction_session_timeout', {milliseconds}, true), set_config('statement_timeout', {milliseconds}, true)) AS bounds")
            .SingleAsync(cancellationToken)
            .ConfigureAwait(false);
        return taken;
    }

    public bool IsUniqueViolation(Exception exception) =>
        FindPostgresException(exception) is { SqlState: PostgresErrorCodes.UniqueViolation };

    private static NpgsqlConnection Connection(DbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();

    private static NpgsqlTransaction Transaction(DbContext db) =>
        (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("The callback statements run inside the caller's transaction.")).GetDbTransaction();

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
