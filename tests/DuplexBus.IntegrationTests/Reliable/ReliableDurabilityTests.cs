using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// Sequences live in the database, not in the process: a WCF client's session survives the host being killed and
/// restarted, and two hosts can serve one session.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class ReliableDurabilityTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    [Theory]
    [InlineData("RM 1.0 Soap12WSAddressing10 ordered")]
    [InlineData("RM 1.1 Soap12WSAddressing10 ordered")]
    public async Task Session_survives_kill_9_of_the_host_and_completes_after_restart(string configuration)
    {
        var binding = RmClientBinding.Find(configuration).Create();
        var instance = Guid.NewGuid();
        using var session = new WorkClient(fixture.Host.BaseAddress, binding);

        await Task.Run(() =>
        {
            for (var index = 1; index <= 50; index++)
                session.Channel.AddItem(instance, index, "before the crash");
        });
        await fixture.Host.KillAsync();

        // The client keeps sending while the host is down; its retries reach the restarted host.
        var sending = Task.Run(() =>
        {
            for (var index = 51; index <= 100; index++)
                session.Channel.AddItem(instance, index, "across the crash");
        });
        await fixture.Host.RestartAsync();
        await sending;

        var status = await session.StatusWhenAsync(instance, s => s.ItemCount >= 100, "every item applied after the restart");
        // Judged once nothing is in flight, so a late duplicate would be counted.
        await fixture.WaitQuietAsync();
        status = await Task.Run(() => session.Channel.GetStatus(instance));
        Assert.Equal(100, status.ItemCount);
        Assert.Equal(100, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());
    }

    [Fact]
    public async Task One_session_alternating_between_two_hosts_applies_every_item_once_in_order()
    {
        await using var second = await HostProcess.StartAsync(fixture.Options());
        await using var balancer = await RoundRobinProxy.StartAsync(fixture.Host.BaseAddress, second.BaseAddress);
        var instance = Guid.NewGuid();
        using var session = new WorkClient(balancer.BaseAddress, RmClientBinding.Find("RM 1.1 Soap12WSAddressing10 ordered").Create());

        await Task.Run(() =>
        {
            for (var index = 1; index <= 100; index++)
                session.Channel.AddItem(instance, index, "either host");
        });

        var status = await session.StatusWhenAsync(instance, s => s.ItemCount >= 100, "every item applied");
        // Judged once nothing is in flight, so a late duplicate would be counted.
        await fixture.WaitQuietAsync();
        status = await Task.Run(() => session.Channel.GetStatus(instance));
        Assert.Equal(100, status.ItemCount);
        Assert.True(status.InOrder, status.ToString());
        Assert.True(balancer.Counts.All(c => c > 10), $"requests per host: {string.Join(", ", balancer.Counts)}");
    }
}
