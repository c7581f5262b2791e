using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;
using Microsoft.Data.Sqlite;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>Reliable sessions on the embedded default (SQLite, in-memory bus).</summary>
public sealed class EmbeddedReliableSessionTests(EmbeddedHostFixture fixture) : ReliableSessionScenarios, IClassFixture<EmbeddedHostFixture>
{
    protected override HostProcess Host => fixture.Host;

    protected override async Task<(int Status, string Received)?> LoadSequenceAsync(string id)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, received FROM rm_sequence WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }
}
