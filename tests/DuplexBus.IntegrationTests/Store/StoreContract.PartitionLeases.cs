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

    [Fact]
    public async Task A_lease_round_says_the_host_lives_counts_the_live_ones_and_renews_what_it_holds_by_the_database_clock()
    {
        var lease = TimeSpan.FromSeconds(5);
        var queue = $"q-{Guid.NewGuid():N}";
        var gone = $"gone-{Guid.NewGuid():N}";
        await Leases.SeenAsync(gone, DateTime.UtcNow.AddMinutes(-10));

        var first = await Leases.RoundAsync("a", lease);
        Assert.True(await Leases.TryClaimAsync(queue, "a", first.Now + TimeSpan.FromSeconds(1), first.Now));
        var second = await Leases.RoundAsync("a", lease);
        var other = await Leases.RoundAsync("b", lease);

        Assert.Equal(DateTime.UtcNow, first.Now, TimeSpan.FromSeconds(30));
        Assert.Equal(1, first.LiveHosts);
        Assert.Empty(first.Held);
        Assert.Equal([queue], second.Held);
        Assert.Equal(2, other.LiveHosts);
        Assert.Empty(other.Held);
        // Renewed to a whole lease from the round: still a's after the second it was first taken for.
        Assert.False(await Leases.TryClaimAsync(queue, "b", second.Now + lease, second.Now + TimeSpan.FromSeconds(2)));
        Assert.True(await Leases.TryClaimAsync(queue, "b", second.Now + (2 * lease), second.Now + lease + TimeSpan.FromSeconds(1)));
        // Not seen for ten leases: forgotten by the round.
        Assert.Equal(2, await Leases.LiveHostsAsync(since: DateTime.UtcNow.AddHours(-1), forgetBefore: DateTime.UtcNow.AddHours(-1)));
    }
}
