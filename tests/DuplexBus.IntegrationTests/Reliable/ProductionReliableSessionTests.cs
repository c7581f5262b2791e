using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>Reliable sessions in production mode: sequences in PostgreSQL, messages through RabbitMQ.</summary>
[Collection(nameof(FaultServers))]
public sealed class ProductionReliableSessionTests(ProductionHostFixture fixture) : ReliableSessionScenarios, IClassFixture<ProductionHostFixture>
{
    protected override HostProcess Host => fixture.Host;

    protected override async Task<(int Status, string Received)?> LoadSequenceAsync(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, received FROM rm_sequence WHERE id = $1", connection);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }
}
