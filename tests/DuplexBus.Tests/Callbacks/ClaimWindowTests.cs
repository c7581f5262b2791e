using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class ClaimWindowTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static ClaimWindow After(int attempts, TimeSpan each, int concurrency = 8)
    {
        var window = new ClaimWindow(concurrency, Lease, Timeout);
        for (var i = 0; i < attempts; i++)
            window.Observe(each);
        return window;
    }

    [Fact]
    public void Before_any_attempt_was_timed_the_window_is_two_callbacks_per_sender()
    {
        var window = new ClaimWindow(8, Lease, Timeout);

        Assert.Equal(16, window.Limit);
        Assert.Equal(16, window.ToClaim());
    }

    [Fact]
    public void Fast_receivers_open_the_window_to_its_ceiling()
    {
        var window = After(100, TimeSpan.FromMilliseconds(1));

        Assert.Equal(ClaimWindow.MaxHeld, window.Limit);
        Assert.Equal(ClaimWindow.MaxClaim, window.ToClaim());
    }

    [Theory]
    [InlineData(1_000, 240)]  // 8 senders × 30 s (a quarter of the lease) / 1 s
    [InlineData(3_000, 80)]
    [InlineData(30_000, 16)]  // timing out: the floor of two per sender
    [InlineData(60_000, 16)]
    public void The_window_holds_what_the_senders_finish_within_a_quarter_of_the_lease(int attemptMilliseconds, int limit)
    {
        var window = After(500, TimeSpan.FromMilliseconds(attemptMilliseconds));

        // The smoothed pace approaches the attempts' duration from the first guess (the timeout), so it may round down by one.
        Assert.InRange(window.Limit, limit - 1, limit);
    }

    [Fact]
    public void A_receiver_that_turns_slow_closes_the_window_within_a_few_dozen_attempts()
    {
        var window = After(100, TimeSpan.FromMilliseconds(1));

        for (var i = 0; i < 60; i++)
            window.Observe(Timeout);

        Assert.Equal(16, window.Limit);
    }

    [Fact]
    public void Nothing_is_claimed_until_half_the_window_is_free()
    {
        var window = After(100, TimeSpan.FromMilliseconds(1));
        window.Claimed(1000);

        Assert.Equal(0, window.ToClaim());
        window.Released(487);
        Assert.Equal(0, window.ToClaim()); // 511 free of 1024
        window.Released(1);
        Assert.Equal(ClaimWindow.MaxClaim, window.ToClaim());
        Assert.Equal(512, window.Held);
    }

    [Fact]
    public async Task A_release_wakes_a_claimer_that_waits_for_room()
    {
        var window = new ClaimWindow(2, Lease, Timeout);
        window.Claimed(4);

        var waiting = window.WaitForRoomAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        window.Released(2);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, window.ToClaim());
    }
}
