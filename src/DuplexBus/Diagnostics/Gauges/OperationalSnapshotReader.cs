using System.Data.Common;
using DuplexBus.Edge.Sessions;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Diagnostics.Gauges;

/// <summary>
/// Reads an <see cref="OperationalSnapshot"/> in one statement that PostgreSQL and SQLite both run. Each count reads
/// an index its condition matches (unsent outbox rows, pending and dead callbacks, open sequences by status) and stops
/// at the limit; each age is the first entry of an ordered index. So a reading costs the same at any backlog.
/// </summary>
internal static class OperationalSnapshotReader
{
    // Times are compared with the reader's clock (@now) on both databases: the gauges need no better than that.
    private const string Sql = $"""
        SELECT
          (SELECT count(*) FROM (SELECT 1 FROM rm_sequence WHERE {OpenSequenceCounts.OpenCondition} LIMIT @cap) AS s),
          (SELECT count(*) FROM (SELECT 1 FROM outbox_message WHERE sent_at IS NULL LIMIT @cap) AS o),
          (SELECT created_at FROM outbox_message WHERE sent_at IS NULL ORDER BY seq LIMIT 1),
          (SELECT count(*) FROM (SELECT 1 FROM parked_message LIMIT @cap) AS p),
          (SELECT count(*) FROM (SELECT 1 FROM callback_message WHERE state = 0 AND next_attempt_at <= @now LIMIT @cap) AS d),
          (SELECT count(*) FROM (SELECT 1 FROM callback_message WHERE state = 0 AND attempts > 0 LIMIT @cap) AS r),
          (SELECT count(*) FROM (SELECT 1 FROM callback_message WHERE state = 2 LIMIT @cap) AS x),
          (SELECT next_attempt_at FROM callback_message WHERE state = 0 AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT 1)
        """;

    public static async Task<OperationalSnapshot> ReadAsync(DbContext db, DateTimeOffset now, int countLimit, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            Add(command, "cap", countLimit);
            Add(command, "now", now.UtcDateTime);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan? Age(int column) => reader.IsDBNull(column) ? null : Max(now.UtcDateTime - reader.GetDateTime(column));
            return new OperationalSnapshot(
                now,
                OpenSequences: reader.GetInt64(0),
                OutboxBacklog: reader.GetInt64(1),
                OldestUnsentAge: Age(2),
                ParkedMessages: reader.GetInt64(3),
                CallbacksDue: reader.GetInt64(4),
                CallbacksRetrying: reader.GetInt64(5),
                CallbacksDeadLettered: reader.GetInt64(6),
                OldestDueCallbackAge: Age(7));
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    // A row written by a host whose clock runs ahead of ours is not younger than nothing.
    private static TimeSpan Max(TimeSpan age) => age < TimeSpan.Zero ? TimeSpan.Zero : age;

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
