using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Wcf;

namespace DuplexBus.IntegrationTests.Durability;

/// <summary>An answered message is durable: it survives the broker being down and the host being killed.</summary>
[Collection(nameof(FaultServers))]
public sealed class OutboxDurabilityTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    [Fact]
    public async Task Messages_accepted_while_the_broker_is_down_reach_the_saga_after_a_kill_9_and_restart()
    {
        var rabbit = fixture.Servers.RabbitMq;
        Assert.True(rabbit.CanControl, "this test stops the broker, so it needs a server it controls");
        var instance = Guid.NewGuid();

        await rabbit.StopAsync();
        try
        {
            using (var client = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic))
            {
                // Each call returns only after the edge committed the message to the outbox.
                await Task.Run(() =>
                {
                    for (var index = 1; index <= 20; index++)
                        client.Channel.AddItem(instance, index, "while the broker is down");
                });
            }
            await fixture.Host.KillAsync();
        }
        finally
        {
            await rabbit.StartAsync();
        }

        await fixture.Host.RestartAsync();
        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 20, "the relay delivered the outbox after restart");
        // Judged once nothing is in flight, so a late duplicate would be counted.
        await fixture.WaitQuietAsync();
        status = await Task.Run(() => reader.Channel.GetStatus(instance));
        Assert.Equal(20, status.ItemCount);
        Assert.Equal(20, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());
    }
}
