using DuplexBus.Persistence;

namespace DuplexBus.Tests.Persistence;

public sealed class IdlePollingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Empty_passes_in_a_row_double_the_wait_up_to_the_idle_interval()
    {
        var polling = new IdlePolling(Second, 5 * Second);

        var waits = Enumerable.Range(0, 6).Select(_ => polling.Empty()).ToArray();

        Assert.Equal([Second, 2 * Second, 4 * Second, 5 * Second, 5 * Second, 5 * Second], waits);
    }

    [Fact]
    public void A_pass_that_finds_work_brings_the_wait_back_to_the_poll_interval()
    {
        var polling = new IdlePolling(Second, 8 * Second);
        polling.Empty();
        polling.Empty();
        polling.Empty();

        Assert.Equal(Second, polling.Busy());
        Assert.Equal(Second, polling.Empty());
        Assert.Equal(2 * Second, polling.Empty());
    }

    [Fact]
    public void An_idle_interval_shorter_than_the_poll_interval_means_no_growth()
    {
        var polling = new IdlePolling(2 * Second, Second);

        Assert.Equal(2 * Second, polling.Longest);
        Assert.Equal([2 * Second, 2 * Second, 2 * Second], Enumerable.Range(0, 3).Select(_ => polling.Empty()));
    }
}
