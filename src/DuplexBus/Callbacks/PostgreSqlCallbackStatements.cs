using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DuplexBus.Callbacks;

/// <summary>
/// The dispatcher's claim and record on PostgreSQL. Each is one Npgsql batch, so one round trip however many
/// callbacks it covers, and each is written so that its plan does not depend on fresh statistics: a burst of due
/// callbacks arrives faster than autovacuum analyzes the table, and a plan chosen for an empty table then costs time
/// in proportion to the backlog on every claim. Every time that decides who may send what — due, lease ended, due
/// again — is the database's <c>now()</c> plus a span the host gives: hosts' clocks drift apart, and a host running
/// minutes ahead would otherwise take over leases still live elsewhere and send retries before they are due.
/// </summary>
internal sealed class PostgreSqlCallbackStatements : ICallbackStatements
{
    private const string Columns =
        "id, correlation_id, address, soap_version, addressing_version, action, headers, body, state, attempts, "
        + "next_attempt_at, lease_id, created_at, window_started_at, delivered_at, last_status_code, last_error, trace_parent, echo_activity_id";

    // Without fresh statistics the planner takes the due set for a handful of rows and reads and sorts all of it
    // (13 ms per claim at 20,000 due rows, against 0.2 ms); with sorting off the only plan left walks the due
    // index in order and stops after the batch. SET LOCAL ends with the claim's transaction.
    internal const string WalkDueIndexInOrder = "SET LOCAL enable_sort = off";

    // now() (the transaction's start) rather than clock_timestamp(): it is stable within the statement, so it stays
    // an index condition on the due index, and the claim's transaction starts just before this statement.
    internal const string Claim =
        "UPDATE callback_message SET lease_id = $1, next_attempt_at = now() + $2 WHERE id IN ("
        + "SELECT id FROM callback_message WHERE state = 0 AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED"
        + ") RETURNING " + Columns;

    // The due index's first entry, after the claim moved the claimed rows' due times. Not min(): statistics that call
    // the index nearly empty get it a plan that reads every entry; ORDER BY with LIMIT, sorting off, stops at one.
    internal const string NextDue = "SELECT next_attempt_at - now() FROM callback_message WHERE state = 0 ORDER BY next_attempt_at LIMIT 1";

    // One statement per outcome, by primary key: a set-based UPDATE ... FROM unnest(...) leaves the join method to
    // the statistics, and a hash join over every pending row is what it picks for a young table. No "state = 0"
    // either: it would let the planner read the whole due index, which stale statistics show as nearly empty; the
    // lease id already says the row is still pending and still this dispatcher's.
    internal const string Record =
        "UPDATE callback_message SET state = $3, attempts = $4, next_attempt_at = now() + $5, lease_id = NULL, delivered_at = $6, "
        + "last_status_code = $7, last_error = $8 WHERE id = $1 AND lease_id = $2";

    // Gives a lease back unused: due again when the dispatcher says, with its attempts and last result as they were.
    internal const string Release =
        "UPDATE callback_message SET lease_id = NULL, next_attempt_at = now() + $3 WHERE id = $1 AND lease_id = $2";

    public async Task<CallbackClaim> ClaimAsync(DbContext db, int batchSize, Guid leaseId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open(db);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(WalkDueIndexInOrder),
                new NpgsqlBatchCommand(Claim)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = leaseId },
                        new NpgsqlParameter<TimeSpan> { TypedValue = lease, NpgsqlDbType = NpgsqlDbType.Interval },
                        new NpgsqlParameter<long> { TypedValue = batchSize },
                    },
                },
                new NpgsqlBatchCommand(NextDue),
            },
        };
        var claimed = new List<CallbackMessage>(batchSize);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            // Past the SET, which has no result set.
        }
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            claimed.Add(Read(reader));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var pending = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new(claimed, pending ? reader.GetFieldValue<TimeSpan>(0) : null);
    }

    public async Task<bool[]> RecordAsync(DbContext db, IReadOnlyList<CallbackOutcome> outcomes, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open(db);
        var changed = await ExecutePerRowAsync(connection, transaction, Record, outcomes, outcome =>
        [
            new NpgsqlParameter<Guid> { TypedValue = outcome.Callback.Id },
            new NpgsqlParameter<Guid?> { TypedValue = outcome.Callback.LeaseId, NpgsqlDbType = NpgsqlDbType.Uuid },
            new NpgsqlParameter<int> { TypedValue = (int)outcome.State },
            new NpgsqlParameter<int> { TypedValue = outcome.Attempts },
            new NpgsqlParameter<TimeSpan> { TypedValue = outcome.DueIn, NpgsqlDbType = NpgsqlDbType.Interval },
            new NpgsqlParameter<DateTime?> { TypedValue = outcome.DeliveredAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            new NpgsqlParameter<int?> { TypedValue = outcome.StatusCode, NpgsqlDbType = NpgsqlDbType.Integer },
            new NpgsqlParameter<string?> { TypedValue = outcome.RecordedError, NpgsqlDbType = NpgsqlDbType.Varchar },
        ], cancellationToken).ConfigureAwait(false);
        return Array.ConvertAll(changed, rows => rows == 1);
    }

    public async Task<int> ReleaseAsync(DbContext db, IReadOnlyList<CallbackGiveBack> callbacks, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open(db);
        var changed = await ExecutePerRowAsync(connection, transaction, Release, callbacks, giveBack =>
        [
            new NpgsqlParameter<Guid> { TypedValue = giveBack.Callback.Id },
            new NpgsqlParameter<Guid?> { TypedValue = giveBack.Callback.LeaseId, NpgsqlDbType = NpgsqlDbType.Uuid },
            new NpgsqlParameter<TimeSpan> { TypedValue = giveBack.DueIn, NpgsqlDbType = NpgsqlDbType.Interval },
        ], cancellationToken).ConfigureAwait(false);
        return changed.Sum();
    }

    private static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) Open(DbContext db) =>
    (
        (NpgsqlConnection)db.Database.GetDbConnection(),
        (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("The callback statements run inside the caller's transaction.")).GetDbTransaction()
    );

    /// <summary>One statement per row, all in one batch (one round trip).</summary>
    /// <returns>The rows each statement changed, in the order of <paramref name="rows"/>.</returns>
    private static async Task<int[]> ExecutePerRowAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, IReadOnlyList<T> rows, Func<T, NpgsqlParameter[]> parameters, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddRange(parameters(row));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var changed = new int[rows.Count];
        for (var i = 0; i < changed.Length; i++)
            changed[i] = batch.BatchCommands[i].RecordsAffected;
        return changed;
    }

    private static CallbackMessage Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        CorrelationId = reader.IsDBNull(1) ? null : reader.GetGuid(1),
        Address = reader.GetString(2),
        SoapVersion = reader.GetString(3),
        AddressingVersion = reader.GetString(4),
        Action = reader.GetString(5),
        Headers = reader.GetString(6),
        Body = reader.GetString(7),
        State = (CallbackState)reader.GetInt32(8),
        Attempts = reader.GetInt32(9),
        NextAttemptAt = reader.GetDateTime(10),
        LeaseId = reader.IsDBNull(11) ? null : reader.GetGuid(11),
        CreatedAt = reader.GetDateTime(12),
        WindowStartedAt = reader.GetDateTime(13),
        DeliveredAt = reader.IsDBNull(14) ? null : reader.GetDateTime(14),
        LastStatusCode = reader.IsDBNull(15) ? null : reader.GetInt32(15),
        LastError = reader.IsDBNull(16) ? null : reader.GetString(16),
        TraceParent = reader.IsDBNull(17) ? null : reader.GetString(17),
        EchoActivityId = reader.GetBoolean(18),
    };
}
