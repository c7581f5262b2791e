using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace DuplexBus.IntegrationTests.Hosting;

/// <summary>What production mode declares on RabbitMQ, checked with the broker's own equivalence rules.</summary>
[Collection(nameof(RealServers))]
public sealed class BrokerTopologyTests(PartitionedHostFixture fixture) : IClassFixture<PartitionedHostFixture>
{
    [Fact]
    public async Task Saga_partition_queues_are_quorum_queues_with_a_single_active_consumer_behind_a_consistent_hash_exchange()
    {
        // Ready means "can accept", which does not wait for the broker; the topology exists once the bus is connected.
        using (var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress })
        {
            await Eventually.Until(
                async () => (await http.GetAsync("health/bus")).StatusCode, status => status == System.Net.HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "the bus connected");
        }
        // The partitions are connected once the bus is up, before the relay's first publish.
        await Eventually.Until(
            () => fixture.Servers.RabbitMq.QueueMessagesAsync(fixture.RabbitMqUri), queues => queues.ContainsKey("work-state-p7"),
            TimeSpan.FromSeconds(60), "the last partition declared");
        var factory = new ConnectionFactory { Uri = new Uri(fixture.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();

        await using (var channel = await connection.CreateChannelAsync())
        {
            for (var partition = 0; partition < 8; partition++)
            {
                var queue = $"work-state-p{partition}";
                await channel.QueueDeclarePassiveAsync(queue); // the host declared it; this one must not create it
                // Redeclaring an existing queue succeeds only when every argument is equivalent.
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
                {
                    ["x-queue-type"] = "quorum",
                    ["x-single-active-consumer"] = true,
                });
            }
            await channel.ExchangeDeclareAsync("work-state-partitions", "x-consistent-hash", durable: true, autoDelete: false);
            await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.QueueDeclarePassiveAsync("work-state-p8"));
        }

        await using (var fanout = await connection.CreateChannelAsync())
        {
            await Assert.ThrowsAsync<OperationInterruptedException>(() => fanout.ExchangeDeclareAsync("work-state-partitions", "fanout", durable: true, autoDelete: false));
        }

        await using var classic = await connection.CreateChannelAsync();
        await Assert.ThrowsAsync<OperationInterruptedException>(() => classic.QueueDeclareAsync(
            "work-state-p0", durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
    }
}
