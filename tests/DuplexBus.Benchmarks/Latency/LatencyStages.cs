using System.Globalization;
using Npgsql;

namespace DuplexBus.Benchmarks.Latency;

/// <summary>
/// Where a StartWork's round trip went, from the rows it left: each outbox row's commit and relay, the callback row's
/// commit and delivery, as medians and 99th percentiles over the instances of one run (milliseconds, the host's clock).
/// </summary>
internal static class LatencyStages
{
    // Per instance: the StartWork the edge committed, the DoWork the saga wrote, the WorkDone the back end wrote, the
    // callback the saga wrote. Each row's created_at is the writer's clock before its commit; sent_at the relay's.
    private const string StepsSql = """
        WITH o AS (
            SELECT (body::jsonb ->> 'instanceId')::uuid AS instance, message_type, created_at, sent_at FROM outbox_message
            WHERE message_type IN ('urn:message:DuplexBus.Samples.Contracts:StartWork', 'urn:message:DuplexBus.Samples.Contracts:DoWork', 'urn:message:DuplexBus.Samples.Contracts:WorkDone')),
        s AS (SELECT * FROM o WHERE message_type LIKE '%:StartWork'),
        d AS (SELECT * FROM o WHERE message_type LIKE '%:DoWork'),
        w AS (SELECT * FROM o WHERE message_type LIKE '%:WorkDone'),
        steps AS (
            SELECT s.sent_at - s.created_at AS relay_start, d.created_at - s.sent_at AS saga_start,
                   d.sent_at - d.created_at AS relay_do, w.created_at - d.sent_at AS back_end,
                   w.sent_at - w.created_at AS relay_done, c.created_at - w.sent_at AS saga_done,
                   c.delivered_at - c.created_at AS dispatch
            FROM s JOIN d USING (instance) JOIN w USING (instance) JOIN callback_message c ON c.correlation_id = s.instance
            WHERE s.instance = ANY(@instances))
        SELECT count(*), {0}
        FROM steps
        """;

    private static readonly string[] Names = ["relay StartWork", "saga StartWork", "relay DoWork", "back end", "relay WorkDone", "saga WorkDone", "dispatch"];
    private static readonly string[] Steps = ["relay_start", "saga_start", "relay_do", "back_end", "relay_done", "saga_done", "dispatch"];

    // Median and 99th percentile of every step, in the order of Steps.
    private static readonly string Sql = StepsSql.Replace("{0}", string.Join(", ", Steps.SelectMany(step =>
        new[] { 0.5, 0.99 }.Select(p => string.Create(CultureInfo.InvariantCulture, $"percentile_cont({p}) WITHIN GROUP (ORDER BY extract(epoch FROM {step}))")))), StringComparison.Ordinal);

    public static async Task<string> DescribeAsync(string database, IReadOnlyList<Guid> instances)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("instances", instances.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var count = reader.GetInt64(0);
        if (count == 0)
            return "latency stages: no complete instance to measure";
        string Ms(int column) => reader.IsDBNull(column) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{reader.GetDouble(column) * 1000:F0}");
        var stages = Names.Select((name, i) => $"{name} {Ms(1 + (2 * i))}/{Ms(2 + (2 * i))}");
        return $"  stages, ms p50/p99 over {count} instances: {string.Join(", ", stages)}";
    }
}
