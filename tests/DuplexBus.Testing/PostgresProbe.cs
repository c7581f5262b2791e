using Npgsql;

namespace DuplexBus.Testing;

/// <summary>Checks that PostgreSQL accepts a real login and query.</summary>
internal static class PostgresProbe
{
    public static async Task<bool> AnswersAsync(string connectionString)
    {
        // Unpooled, so a connection from before a crash cannot make a dead server look alive.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand("select 1", connection);
            return await command.ExecuteScalarAsync().ConfigureAwait(false) is 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
