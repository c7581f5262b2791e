using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace DuplexBus.IntegrationTests.Hosting;

/// <summary>What production mode declares on RabbitMQ, checked with the broker's own equivalence rules.</summary>
[Collection(nameof(RealServers))]
public sealed class BrokerTopologyTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    [Fact]
    public async Task Saga_queue_is_a_quorum_queue_with_a_single_active_consumer()
    {
        // Ready means "can accept", which does not wait for the broker; the topology exists once the bus is connected.
        using (var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress })
        {
            await Eventually.Until(
                async () => (await http.GetAsync("health/bus")).StatusCode, status => status == System.Net.HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "the bus connected");
        }
        var factory = new ConnectionFactory { Uri = new Uri(fixture.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();

        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclarePassiveAsync("work-state"); // the host declared it; this one must not create it
            // Redeclaring an existing queue succeeds only when every argument is equivalent.
            await channel.QueueDeclareAsync("work-state", durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-single-active-consumer"] = true,
            });
        }

        await using var classic = await connection.CreateChannelAsync();
        await Assert.ThrowsAsync<OperationInterruptedException>(() => classic.QueueDeclareAsync(
            "work-state", durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
    }
}
