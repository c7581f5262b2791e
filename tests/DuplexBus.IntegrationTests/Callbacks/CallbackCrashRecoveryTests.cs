using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>Callbacks live in the database: one still being retried when the host is killed is delivered after it restarts.</summary>
[Collection(nameof(RealServers))]
public sealed class CallbackCrashRecoveryTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    [Fact]
    public async Task Callback_pending_at_kill_9_of_the_host_is_delivered_after_restart()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await receiver.StopAsync();
        var instance = Guid.NewGuid();
        using (var client = CallbackClients.Create(fixture.Host.BaseAddress))
            await client.StartWorkAsync(instance, 2, receiver.Address);
        var pending = await fixture.CallbackWhenAsync(instance, c => c.Attempts >= 1, "an attempt failed while the receiver is down");
        Assert.Equal(StoredCallbackState.Pending, pending.State);

        await fixture.Host.KillAsync();
        await receiver.StartAgainAsync();
        await fixture.Host.RestartAsync();

        using var after = CallbackClients.Create(fixture.Host.BaseAddress);
        var status = await after.DeliveredAsync(instance);
        Assert.Equal("Completed", status.State);
        var delivered = (await fixture.CallbacksOfAsync(instance)).Single();
        Assert.Equal(pending.Id, delivered.Id);
        Assert.Equal(StoredCallbackState.Delivered, delivered.State);
        Assert.NotEmpty(receiver.Requests);
        Assert.All(receiver.Requests, r => Assert.Equal($"urn:uuid:{pending.Id}", r.MessageId()));
    }
}
