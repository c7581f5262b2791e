using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Durability;

/// <summary>Two hosts on one database and one broker behave as one service.</summary>
[Collection(nameof(FaultServers))]
public sealed class ScaleOutTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    [Fact]
    public async Task Items_sent_alternately_to_two_hosts_are_applied_once_each_and_in_order()
    {
        await using var second = await HostProcess.StartAsync(fixture.Options());
        using var first = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        using var other = new WorkClient(second.BaseAddress, ClientBinding.WsHttp);
        var instance = Guid.NewGuid();

        await Task.Run(() =>
        {
            for (var index = 1; index <= 60; index++)
                (index % 2 == 0 ? other : first).Channel.AddItem(instance, index, "either host");
        });

        var status = await other.StatusWhenAsync(instance, s => s.ItemCount >= 60, "every item applied");
        // Judged once nothing is in flight, so a late duplicate would be counted.
        await fixture.WaitQuietAsync();
        status = await Task.Run(() => other.Channel.GetStatus(instance));
        Assert.Equal(60, status.ItemCount);
        Assert.Equal(60, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());
        Assert.Equal(status.ToString(), (await first.StatusWhenAsync(instance, _ => true, "read from the first host")).ToString());
    }
}
