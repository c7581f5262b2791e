using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A client that never answers takes a sender for a whole timeout per attempt. After a few such failures in a row
/// its destination is paused, so callbacks to everyone else go out at once instead of queueing behind it.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackPauseTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    private const int ToDeadClient = 30;
    private const int ToLiveClient = 10;

    [Fact]
    public async Task A_client_that_never_answers_does_not_hold_up_callbacks_to_others()
    {
        await using var dead = await CallbackReceiver.StartAsync();
        dead.AnswerWith(CallbackAnswer.Hang);
        await using var live = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);

        for (var i = 0; i < ToDeadClient; i++)
            await client.StartWorkAsync(Guid.NewGuid(), 1, dead.Address);
        await dead.WaitForAsync(8, TimeSpan.FromSeconds(30)); // every sender is stuck on the dead client
        for (var i = 0; i < ToLiveClient; i++)
            await client.StartWorkAsync(Guid.NewGuid(), 1, live.Address);

        await live.WaitForAsync(r => r.Select(c => c.MessageId()).Distinct().Count() == ToLiveClient, TimeSpan.FromSeconds(60), $"all {ToLiveClient} callbacks to the live client arrived");
        var neverTried = await fixture.CountCallbacksToAsync(dead.Address, "attempts = 0");

        Assert.True(neverTried >= 10, $"only {neverTried} callbacks to the dead client were still untried: the live client's callbacks waited behind them");
        Assert.Contains(fixture.Host.OutputLines, l => l.Contains("are paused until", StringComparison.Ordinal));
    }
}
