using System.Globalization;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing.LightRm;
using Npgsql;

namespace DuplexBus.IntegrationTests.LoadGenerator;

/// <summary>The light generator against the production host: what it measures is real work, acknowledged and applied.</summary>
[Collection(nameof(RealServers))]
public sealed class LightGeneratorHostTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    private const int Sessions = 4;
    private const int Items = 10;

    [Fact]
    public async Task Every_message_of_the_light_generator_is_acknowledged_and_applied_once_in_order()
    {
        using var generator = await LightRmGenerator.OpenAsync(new Uri(fixture.Host.BaseAddress, "/services/work"), Sessions);
        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async session =>
        {
            for (var n = 1; n <= Items; n++)
                Assert.True(await generator.SendAsync(session), string.Join(Environment.NewLine, generator.Errors));
        }));
        await generator.EndAsync();
        Assert.Empty(generator.Errors);

        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        foreach (var session in generator.Sessions)
        {
            var status = await reader.StatusWhenAsync(session.InstanceId, s => s.ItemCount >= Items, $"{Items} items applied");
            Assert.Equal(Items, status.ItemCount);
            Assert.Equal(Items, status.LastIndex);
            Assert.True(status.InOrder, status.ToString());

            // Closed and terminated (status 2), every number received.
            Assert.Equal((2, $"1-{Items.ToString(CultureInfo.InvariantCulture)}"), await LoadSequenceAsync(session.SequenceId));
        }
    }

    private async Task<(int Status, string Received)?> LoadSequenceAsync(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, received FROM rm_sequence WHERE id = $1", connection);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }
}
