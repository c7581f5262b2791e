using Npgsql;

namespace DuplexBus.Benchmarks;

/// <summary>The baseline every edge figure is compared with: one INSERT + COMMIT per message on the same PostgreSQL.</summary>
internal static class Baseline
{
    public static async Task CreateTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE TABLE baseline (id bigserial PRIMARY KEY, message_id uuid NOT NULL, body jsonb NOT NULL)", connection);
        await create.ExecuteNonQueryAsync();
    }

    public static async Task<LoadResult> MeasureAsync(string connectionString, int concurrency, WarmUp warmUp, TimeSpan duration, int? hostProcessId = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await Load.RunAsync($"baseline: INSERT + COMMIT, {concurrency} clients", concurrency, warmUp, duration, async (_, _) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO baseline (message_id, body) VALUES ($1, $2::jsonb)", connection, transaction);
            insert.Parameters.AddWithValue(Guid.NewGuid());
            insert.Parameters.AddWithValue("{\"instanceId\":\"00000000-0000-0000-0000-000000000000\",\"index\":1,\"value\":\"benchmark\"}");
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }, hostProcessId);
    }
}
