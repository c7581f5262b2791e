using Npgsql;

namespace DuplexBus.Testing;

/// <summary>Checks that PostgreSQL accepts a real login and query.</summary>
internal static class PostgresProbe
{
    /// <summary>Null when <c>select 1</c> works; otherwise why not, for timeout messages.</summary>
    public static async Task<string?> ProblemAsync(string connectionString)
    {
        // Unpooled, so a connection from before a crash cannot make a dead server look alive.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand("select 1", connection);
            var result = await command.ExecuteScalarAsync().ConfigureAwait(false);
            return result is 1 ? null : $"select 1 returned {result}";
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            return ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})";
        }
    }
}
