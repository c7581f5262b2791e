using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A host that stops gracefully gives back every callback it claimed and did not finish, in flight or waiting, so
/// another host (or the same one restarted) sends them at once instead of after their leases end.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackShutdownTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    private const int Callbacks = 12; // more than the 8 senders: some are in flight, some wait

    [Fact]
    public async Task A_host_stopped_gracefully_gives_back_the_callbacks_it_held()
    {
        await using var hanging = await CallbackReceiver.StartAsync();
        hanging.AnswerWith(CallbackAnswer.Hang);
        var host = fixture.Host; // the only dispatcher on this fixture's database
        using var client = CallbackClients.Create(host.BaseAddress);

        for (var i = 0; i < Callbacks; i++)
            await client.StartWorkAsync(Guid.NewGuid(), 1, hanging.Address);
        await hanging.WaitForAsync(8, TimeSpan.FromSeconds(30));
        await Eventually.Until(() => fixture.CountCallbacksToAsync(hanging.Address, "lease_id IS NOT NULL"), n => n >= 8, TimeSpan.FromSeconds(30), "the host holds callbacks in flight");

        await host.StopAsync();

        var held = await fixture.CountCallbacksToAsync(hanging.Address, "lease_id IS NOT NULL");
        Assert.True(held == 0, $"{held} callbacks still leased after a graceful stop; the host said:\n{string.Join('\n', host.OutputLines.TakeLast(30))}");
        Assert.Equal(Callbacks, await fixture.CountCallbacksToAsync(hanging.Address, "state = 0 AND next_attempt_at <= now()"));
        Assert.Contains(host.OutputLines, l => l.Contains("Gave back", StringComparison.Ordinal));
    }
}
