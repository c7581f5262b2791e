using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A callback the client cannot take now (down, or answering 500) is tried again with backoff until it is
/// delivered, and every attempt is the same message: the same MessageID and body.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackRetryTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    [Fact]
    public async Task Callback_to_a_receiver_that_is_down_is_delivered_once_when_it_is_back()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await receiver.StopAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 2, receiver.Address);
        var failing = await fixture.CallbackWhenAsync(instance, c => c.Attempts >= 2, "two attempts failed while the receiver is down");
        Assert.Equal(StoredCallbackState.Pending, failing.State);
        Assert.Null(failing.LastStatusCode);
        await receiver.StartAgainAsync();

        var status = await client.DeliveredAsync(instance);
        Assert.Equal("Completed", status.State);
        var stored = (await fixture.CallbacksOfAsync(instance)).Single();
        Assert.Equal(StoredCallbackState.Delivered, stored.State);
        Assert.Equal(202, stored.LastStatusCode);
        var callback = Assert.Single(receiver.Requests);
        Assert.Equal($"urn:uuid:{stored.Id}", callback.MessageId());
        Assert.Equal(instance, callback.CompletedInstance());
    }

    [Fact]
    public async Task Every_attempt_of_a_callback_carries_the_same_MessageID_and_body()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number <= 3 ? CallbackAnswer.ServerError : CallbackAnswer.Accepted);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 2, receiver.Address);

        await client.DeliveredAsync(instance);
        var stored = (await fixture.CallbacksOfAsync(instance)).Single();
        Assert.Equal(StoredCallbackState.Delivered, stored.State);
        Assert.Equal(4, stored.Attempts);
        var attempts = receiver.Requests;
        Assert.Equal([500, 500, 500, 202], attempts.Select(a => a.AnsweredStatus));
        Assert.All(attempts, a => Assert.Equal($"urn:uuid:{stored.Id}", a.MessageId()));
        Assert.Single(attempts.Select(a => a.BodyElement().ToString()).Distinct());
        Assert.True(attempts[3].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(350), "the retries back off");
    }

    [Fact]
    public async Task An_answer_cut_short_is_a_failed_attempt_and_the_callback_is_tried_again()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number == 1 ? CallbackAnswer.CutShort : CallbackAnswer.Accepted);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        await client.DeliveredAsync(instance);
        var stored = (await fixture.CallbacksOfAsync(instance)).Single();
        Assert.Equal(StoredCallbackState.Delivered, stored.State);
        Assert.Equal(2, stored.Attempts); // the broken answer was recorded as attempt 1, not left to its lease
        Assert.Equal([200, 202], receiver.Requests.Select(r => r.AnsweredStatus));
    }
}
