using DuplexBus.Sagas.Partitions;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.Store;

public abstract partial class StoreContract
{
    private static readonly DateTime LeaseNow = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    private PartitionLeaseStore Leases => _host.Services.GetRequiredService<PartitionLeaseStore>();

    [Fact]
    public async Task A_partition_lease_belongs_to_one_host_until_it_runs_out()
    {
        var queue = $"q-{Guid.NewGuid():N}";
        Assert.True(await Leases.TryClaimAsync(queue, "a", LeaseNow.AddSeconds(10), LeaseNow));
        Assert.False(await Leases.TryClaimAsync(queue, "b", LeaseNow.AddSeconds(15), LeaseNow.AddSeconds(5)));
        Assert.Contains(queue, await Leases.RenewAsync("a", LeaseNow.AddSeconds(20)));
        Assert.DoesNotContain(queue, await Leases.RenewAsync("b", LeaseNow.AddSeconds(20)));

        // Not renewed in time: the next host takes it, and the old holder's renewal no longer names it.
        Assert.True(await Leases.TryClaimAsync(queue, "b", LeaseNow.AddSeconds(31), LeaseNow.AddSeconds(21)));
        Assert.DoesNotContain(queue, await Leases.RenewAsync("a", LeaseNow.AddSeconds(40)));
        Assert.Contains(queue, await Leases.RenewAsync("b", LeaseNow.AddSeconds(40)));

        // Given back, it is free at once.
        await Leases.ReleaseAsync(queue, "b");
        Assert.True(await Leases.TryClaimAsync(queue, "c", LeaseNow.AddSeconds(50), LeaseNow.AddSeconds(22)));
    }

    [Fact]
    public async Task Live_hosts_are_the_ones_seen_within_the_lease_and_long_gone_ones_are_forgotten()
    {
        var (fresh, stale, gone) = ($"fresh-{Guid.NewGuid():N}", $"stale-{Guid.NewGuid():N}", $"gone-{Guid.NewGuid():N}");
        var now = LeaseNow.AddDays(1);
        await Leases.SeenAsync(gone, now.AddMinutes(-10));
        await Leases.SeenAsync(stale, now.AddSeconds(-20));
        await Leases.SeenAsync(fresh, now.AddSeconds(-5));
        await Leases.SeenAsync(fresh, now); // seen again: one row

        var live = await Leases.LiveHostsAsync(since: now.AddSeconds(-15), forgetBefore: now.AddMinutes(-5));
        Assert.Equal(1, live);
        Assert.Equal(2, await Leases.LiveHostsAsync(since: now.AddMinutes(-9), forgetBefore: now.AddMinutes(-5)));

        await Leases.LeaveAsync(fresh);
        Assert.Equal(0, await Leases.LiveHostsAsync(since: now.AddSeconds(-15), forgetBefore: now.AddMinutes(-5)));
    }
}
