using Npgsql;

namespace DuplexBus.IntegrationTests.Sagas;

/// <summary>
/// Holds the rows of sample saga instances locked (<c>FOR UPDATE</c> in an open transaction), so the saga cannot apply
/// their next messages, and the partitions they live in stop, until <see cref="ReleaseAsync"/>.
/// </summary>
public sealed class WorkStateRowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private WorkStateRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<WorkStateRowLock> HoldAsync(string connectionString, params Guid[] instances)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockRows = new NpgsqlCommand("SELECT 1 FROM work_state WHERE correlation_id = ANY(@ids) FOR UPDATE", connection, transaction))
        {
            lockRows.Parameters.AddWithValue("ids", instances);
            await lockRows.ExecuteNonQueryAsync();
        }
        return new WorkStateRowLock(connection, transaction);
    }

    /// <summary>Lets the saga go on.</summary>
    public Task ReleaseAsync() => _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
