using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing.Proxy;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// A proxy between the WCF client and the host drops requests and replies, duplicates and delays them
/// (deterministically by seed); every ordered session still ends with each item applied once, in order.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class LossyNetworkTests(ProductionHostFixture fixture, ITestOutputHelper output) : IClassFixture<ProductionHostFixture>
{
    // With a tenth of requests and of replies dropped and a tenth duplicated, 30 messages see about six drops and three
    // duplicates each run; the seeds are fixed, and the last assertion checks the network did misbehave.
    private const int Items = 30;

    [Theory]
    [InlineData("RM 1.0 Soap12WSAddressing10 ordered", 1)]
    [InlineData("RM 1.1 Soap11WSAddressingAugust2004 ordered", 2)]
    [InlineData("WSHttpBinding reliable ordered", 3)]
    public async Task Ordered_session_through_a_lossy_network_applies_every_item_once_in_order(string configuration, int seed)
    {
        await using var proxy = await LossyProxy.StartAsync(fixture.Host.BaseAddress, Lossy(seed));
        var instance = Guid.NewGuid();
        using var session = new WorkClient(proxy.BaseAddress, RmClientBinding.Find(configuration).Create());

        await Task.Run(() =>
        {
            for (var index = 1; index <= Items; index++)
                session.Channel.AddItem(instance, index, "through a lossy network");
        });

        var status = await session.StatusWhenAsync(instance, s => s.ItemCount >= Items, "every item applied");
        // Judged once nothing is in flight, so a late duplicate would be counted.
        await fixture.WaitQuietAsync();
        status = await Task.Run(() => session.Channel.GetStatus(instance));
        output.WriteLine($"{configuration}: forwarded {proxy.Forwarded}, dropped requests {proxy.DroppedRequests}, dropped replies {proxy.DroppedReplies}, duplicated {proxy.Duplicated}, delayed {proxy.Delayed}");
        Assert.Equal(Items, status.ItemCount);
        Assert.Equal(Items, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());
        Assert.True(proxy.DroppedRequests + proxy.DroppedReplies + proxy.Duplicated > 0, "the network misbehaved");
    }

    [Fact]
    public async Task Without_group_commit_a_lossy_ordered_session_still_applies_every_item_once_in_order()
    {
        var options = fixture.Options();
        options.Environment["DuplexBus__ReliableMessaging__GroupCommit"] = "false";
        await using var host = await DuplexBus.Testing.HostProcess.StartAsync(options);
        await using var proxy = await LossyProxy.StartAsync(host.BaseAddress, Lossy(seed: 4));
        var instance = Guid.NewGuid();
        using var session = new WorkClient(proxy.BaseAddress, RmClientBinding.Find("RM 1.1 Soap12WSAddressing10 ordered").Create());

        await Task.Run(() =>
        {
            for (var index = 1; index <= Items; index++)
                session.Channel.AddItem(instance, index, "one transaction per message");
        });

        var status = await session.StatusWhenAsync(instance, s => s.ItemCount >= Items, "every item applied");
        // Judged once nothing is in flight, so a late duplicate would be counted.
        await fixture.WaitQuietAsync();
        status = await Task.Run(() => session.Channel.GetStatus(instance));
        Assert.Equal(Items, status.ItemCount);
        Assert.True(status.InOrder, status.ToString());
    }

    [Fact]
    public async Task Unordered_delivery_through_a_lossy_network_applies_every_item_exactly_once()
    {
        var options = fixture.Options();
        options.Environment["DuplexBus__ReliableMessaging__Ordered"] = "false";
        await using var host = await DuplexBus.Testing.HostProcess.StartAsync(options);
        await using var proxy = await LossyProxy.StartAsync(host.BaseAddress, Lossy(seed: 5));
        var instance = Guid.NewGuid();
        using var session = new WorkClient(proxy.BaseAddress, RmClientBinding.Find("RM 1.0 Soap11WSAddressing10 unordered").Create());

        await Task.Run(() =>
        {
            for (var index = 1; index <= Items; index++)
                session.Channel.AddItem(instance, index, "in any order");
        });

        // Every item was acknowledged, so committed, before this sentinel is sent: once the sentinel is applied, a
        // duplicate applied twice would already show in the count.
        using var plain = new WorkClient(host.BaseAddress, ClientBinding.Basic);
        await Task.Run(() => plain.Channel.AddItem(instance, 999, "sentinel"));
        var status = await plain.StatusWhenAsync(instance, s => s.LastIndex == 999, "the sentinel applied");
        // Judged once nothing is in flight, so a late duplicate would be counted.
        await fixture.WaitQuietAsync();
        status = await Task.Run(() => plain.Channel.GetStatus(instance));
        Assert.Equal(Items + 1, status.ItemCount);
    }

    private static LossyProxyOptions Lossy(int seed) => new()
    {
        Seed = seed,
        DropRequest = 0.1,
        DropReply = 0.1,
        Duplicate = 0.1,
        Delay = 0.2,
        MaxDelay = TimeSpan.FromMilliseconds(300),
        // A lost CreateSequence is retried only after 10 s and slows every later resend; the sequence's
        // messages are what these tests disturb.
        Applies = request => request.Action?.EndsWith("/CreateSequence", StringComparison.Ordinal) != true,
    };
}
