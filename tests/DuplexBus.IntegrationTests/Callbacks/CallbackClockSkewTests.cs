using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// Leases and due times are decided by the database's clock, not by each host's: a second host whose clock runs
/// three minutes ahead neither takes over callbacks whose leases are still live (which would put one callback in
/// two attempts at once) nor tries a callback before the time the client asked for.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class CallbackClockSkewTests(ClockAheadHostFixture fixture) : IClassFixture<ClockAheadHostFixture>
{
    private const int Hanging = 4;

    [Fact]
    public async Task A_host_whose_clock_runs_ahead_takes_over_no_live_lease()
    {
        await using var hanging = await CallbackReceiver.StartAsync();
        hanging.AnswerWith(CallbackAnswer.Hang);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        for (var i = 0; i < Hanging; i++)
            await client.StartWorkAsync(Guid.NewGuid(), 1, hanging.Address);
        await hanging.WaitForAsync(Hanging, TimeSpan.FromSeconds(30));

        await using var ahead = await HostProcess.StartAsync(fixture.AheadOptions());
        var requests = await hanging.WaitForAsync(r => r.Count >= 2 * Hanging, TimeSpan.FromSeconds(90), $"{2 * Hanging} attempts reached the hanging receiver");

        var overlaps = requests
            .GroupBy(r => r.MessageId())
            .SelectMany(attempts => attempts.OrderBy(a => a.ReceivedAt).Zip(attempts.OrderBy(a => a.ReceivedAt).Skip(1)))
            .Where(pair => pair.Second.ReceivedAt - pair.First.ReceivedAt < ClockAheadHostFixture.AttemptTimeout - TimeSpan.FromMilliseconds(500))
            .Select(pair => $"{pair.First.MessageId()} at {pair.First.ReceivedAt:HH:mm:ss.fff} and {pair.Second.ReceivedAt:HH:mm:ss.fff}")
            .ToList();
        Assert.True(overlaps.Count == 0, $"attempts of one callback overlapped: {string.Join("; ", overlaps)}");
        Assert.False(ahead.HasExited, ahead.Output);
    }

    [Fact]
    public async Task A_host_whose_clock_runs_ahead_does_not_try_a_callback_before_its_Retry_After()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number == 1 ? CallbackAnswer.RetryAfter(503, "20") : CallbackAnswer.Accepted);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();
        await client.StartWorkAsync(instance, 1, receiver.Address);
        await fixture.CallbackWhenAsync(instance, c => c.Attempts == 1, "the first attempt, answered 503, is recorded");

        await using var ahead = await HostProcess.StartAsync(fixture.AheadOptions());
        await client.DeliveredAsync(instance, TimeSpan.FromSeconds(60));

        var attempts = receiver.Requests;
        Assert.Equal([503, 202], attempts.Select(a => a.AnsweredStatus));
        var waited = attempts[1].ReceivedAt - attempts[0].ReceivedAt;
        Assert.True(waited >= TimeSpan.FromSeconds(20), $"the second attempt came {waited} after the first, before Retry-After: 20");
    }
}
