using DuplexBus.Callbacks;
using DuplexBus.Persistence;

namespace DuplexBus.Tests.Callbacks;

/// <summary>When the dispatcher looks again after a claim that took everything due.</summary>
public sealed class CallbackNextLookTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static IdlePolling Polling() => new(Second, 5 * Second);

    [Theory]
    [InlineData(3.0, 3.0)] // a retry due in 3 s: then
    [InlineData(0.2, 1.0)] // due sooner than the poll interval: not before it
    [InlineData(-4.0, 1.0)] // due already but held by another dispatcher: not before the poll interval
    [InlineData(600.0, 5.0)] // due in ten minutes: another process's rows are still looked for at the idle interval
    public void A_pending_callback_sets_the_wait_within_the_poll_and_idle_intervals(double dueInSeconds, double expectedSeconds)
    {
        var wait = CallbackDispatcher.NextLook(Polling(), claimed: 0, TimeSpan.FromSeconds(dueInSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
    }

    [Fact]
    public void With_nothing_pending_the_wait_grows_with_each_look_and_a_claim_resets_it()
    {
        var polling = Polling();

        var idle = Enumerable.Range(0, 4).Select(_ => CallbackDispatcher.NextLook(polling, 0, null)).ToArray();
        var afterClaim = CallbackDispatcher.NextLook(polling, claimed: 2, nextDueIn: Second / 2);
        var idleAgain = CallbackDispatcher.NextLook(polling, 0, null);

        Assert.Equal([Second, 2 * Second, 4 * Second, 5 * Second], idle);
        Assert.Equal(Second, afterClaim);
        Assert.Equal(Second, idleAgain);
    }
}
