using System.Text.Json;
using DuplexBus.Callbacks;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.Persistence;
using DuplexBus.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// The dispatcher's claim and record keep to their indexes when PostgreSQL's statistics do not know about a burst
/// of due callbacks: 20,000 arrive in a table that was never analyzed, or that was analyzed while nothing was
/// pending (autovacuum is off for the table, so it stays that way). Plans are read with EXPLAIN, custom and generic,
/// as the auto-prepared statements get them; each trap is shown to be real by the statement it replaced.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackStatementPlanTests(ServersFixture servers) : IAsyncLifetime
{
    private const int Burst = 20_000;
    private const string NeverAnalyzed = "never analyzed";
    private const string AnalyzedWhileQuiet = "analyzed while quiet";
    private static readonly string[] PlanModes = ["force_custom_plan", "force_generic_plan"];

    private readonly Dictionary<string, string> _databases = [];

    public async Task InitializeAsync()
    {
        foreach (var statistics in new[] { NeverAnalyzed, AnalyzedWhileQuiet })
        {
            var connectionString = await servers.CreateDatabaseAsync("plans") + ";Pooling=false";
            _databases[statistics] = connectionString;
            await using (var db = new StoreTestDbContext(new DbContextOptionsBuilder<StoreTestDbContext>().UseNpgsql(connectionString).Options))
                await db.Database.EnsureCreatedAsync();

            await using var connection = await OpenAsync(statistics);
            await ExecuteAsync(connection, $"""
                ALTER TABLE callback_message SET (autovacuum_enabled = false);
                {Rows(500, state: 1)};
                {(statistics == AnalyzedWhileQuiet ? "ANALYZE callback_message" : "SELECT 1")};
                {Rows(Burst, state: 0)};
                """);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(NeverAnalyzed)]
    [InlineData(AnalyzedWhileQuiet)]
    public async Task The_claim_walks_the_due_index_in_order_and_sorts_nothing(string statistics)
    {
        foreach (var mode in PlanModes)
        {
            var plan = await ExplainClaimAsync(statistics, mode, walkInOrder: true);

            Assert.Contains(("Index Scan", "ix_callback_message_due"), plan);
            Assert.DoesNotContain(plan, node => node.Type is "Sort" or "Seq Scan" or "Bitmap Heap Scan");
        }
    }

    [Fact]
    public async Task Left_to_statistics_that_never_saw_the_table_the_claim_would_read_and_sort_every_due_row()
    {
        var plan = await ExplainClaimAsync(NeverAnalyzed, "force_custom_plan", walkInOrder: false);

        Assert.Contains(plan, node => node.Type == "Sort");
    }

    [Theory]
    [InlineData(NeverAnalyzed)]
    [InlineData(AnalyzedWhileQuiet)]
    public async Task The_next_due_time_is_read_off_the_first_entry_of_the_due_index(string statistics)
    {
        foreach (var mode in PlanModes)
        {
            await using var connection = await OpenAsync(statistics);
            var plan = await ExplainAsync(connection, mode, PostgreSqlCallbackStatements.WalkDueIndexInOrder, "next_due", PostgreSqlCallbackStatements.NextDue, arguments: null);

            Assert.Contains(plan, node => node.Type is "Index Only Scan" or "Index Scan" && node.Index == "ix_callback_message_due");
            Assert.Contains(plan, node => node.Type == "Limit");
            Assert.DoesNotContain(plan, node => node.Type is "Sort" or "Seq Scan" or "Bitmap Heap Scan");
        }
    }

    [Fact]
    public async Task Asked_for_the_minimum_statistics_that_call_the_index_empty_would_read_every_entry()
    {
        await using var connection = await OpenAsync(AnalyzedWhileQuiet);
        var plan = await ExplainAsync(connection, "force_custom_plan", PostgreSqlCallbackStatements.WalkDueIndexInOrder, "next_due_by_min",
            "SELECT min(next_attempt_at) - now() FROM callback_message WHERE state = 0", arguments: null);

        Assert.DoesNotContain(plan, node => node.Type == "Limit");
    }

    [Theory]
    [InlineData(NeverAnalyzed)]
    [InlineData(AnalyzedWhileQuiet)]
    public async Task The_record_finds_its_row_by_primary_key(string statistics)
    {
        foreach (var mode in PlanModes)
        {
            var plan = await ExplainRecordAsync(statistics, mode, PostgreSqlCallbackStatements.Record);

            Assert.Contains(("Index Scan", "PK_callback_message"), plan);
            Assert.DoesNotContain(plan, node => node.Index == "ix_callback_message_due" || node.Type is "Seq Scan" or "Hash Join");
        }
    }

    [Fact]
    public async Task With_a_pending_state_check_the_record_would_read_the_due_index_that_statistics_call_empty()
    {
        var plan = await ExplainRecordAsync(AnalyzedWhileQuiet, "force_custom_plan", PostgreSqlCallbackStatements.Record + " AND state = 0");

        Assert.Contains(("Index Scan", "ix_callback_message_due"), plan);
    }

    private async Task<List<(string Type, string? Index)>> ExplainRecordAsync(string statistics, string mode, string sql)
    {
        await using var connection = await OpenAsync(statistics);
        var id = (Guid)(await new NpgsqlCommand("SELECT id FROM callback_message WHERE state = 0 LIMIT 1", connection).ExecuteScalarAsync())!;
        return await ExplainAsync(connection, mode, setUp: null,
            "record(uuid, uuid, integer, integer, interval, timestamptz, integer, varchar)", sql,
            $"'{id}', gen_random_uuid(), 1, 1, interval '0', now(), 202, NULL");
    }

    private async Task<List<(string Type, string? Index)>> ExplainClaimAsync(string statistics, string mode, bool walkInOrder)
    {
        await using var connection = await OpenAsync(statistics);
        return await ExplainAsync(connection, mode, walkInOrder ? PostgreSqlCallbackStatements.WalkDueIndexInOrder : null,
            "claim(uuid, interval, bigint)", PostgreSqlCallbackStatements.Claim,
            "gen_random_uuid(), interval '2 minutes', 256");
    }

    /// <returns>Every plan node's type and index (if any).</returns>
    private static async Task<List<(string Type, string? Index)>> ExplainAsync(
        NpgsqlConnection connection, string mode, string? setUp, string signature, string sql, string? arguments)
    {
        var name = signature.Contains('(', StringComparison.Ordinal) ? signature[..signature.IndexOf('(', StringComparison.Ordinal)] : signature;
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, $"SET LOCAL plan_cache_mode = {mode}");
        if (setUp is not null)
            await ExecuteAsync(connection, setUp);
        await ExecuteAsync(connection, $"PREPARE {signature} AS {sql}");
        var json = (string)(await new NpgsqlCommand($"EXPLAIN (FORMAT JSON) EXECUTE {name}{(arguments is null ? "" : $"({arguments})")}", connection).ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        await ExecuteAsync(connection, $"DEALLOCATE {name}");

        var nodes = new List<(string, string?)>();
        Collect(JsonDocument.Parse(json).RootElement[0].GetProperty("Plan"), nodes);
        return nodes;
    }

    private static void Collect(JsonElement node, List<(string, string?)> nodes)
    {
        nodes.Add((node.GetProperty("Node Type").GetString()!, node.TryGetProperty("Index Name", out var index) ? index.GetString() : null));
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
                Collect(child, nodes);
        }
    }

    private static string Rows(int count, int state) => $"""
        INSERT INTO callback_message (id, address, soap_version, addressing_version, action, headers, body, state, attempts, next_attempt_at, created_at, window_started_at, echo_activity_id)
        SELECT gen_random_uuid(), 'http://127.0.0.1:9/cb', '1.2', '1.0', 'urn:test/Done', '', '<Done xmlns="urn:test"/>', {state}, 0,
               now() - interval '1 hour' + g * interval '1 ms', now(), now(), false
        FROM generate_series(1, {count}) AS g
        """;

    private async Task<NpgsqlConnection> OpenAsync(string statistics)
    {
        var connection = new NpgsqlConnection(_databases[statistics]);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
