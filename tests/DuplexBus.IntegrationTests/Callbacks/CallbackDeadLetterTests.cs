using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A callback is dead-lettered when it runs out of attempts (5xx, with or without a SOAP fault) or the client refuses
/// it for good (a 4xx that means "never"); the operator lists dead letters and replays one, which then is delivered.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackDeadLetterTests(ThreeAttemptsHostFixture fixture) : IClassFixture<ThreeAttemptsHostFixture>
{
    [Fact]
    public async Task Callback_answered_500_is_dead_lettered_after_MaxAttempts_and_delivered_after_replay()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(CallbackAnswer.ServerError);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        var dead = await fixture.CallbackWhenAsync(instance, c => c.State == StoredCallbackState.DeadLettered, "the callback is dead-lettered");
        Assert.Equal(3, dead.Attempts);
        Assert.Equal(500, dead.LastStatusCode);
        // Dead-lettered after the third attempt, so no attempt may follow it.
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal($"urn:uuid:{dead.Id}", r.MessageId()));

        var list = await fixture.CallbacksCommandAsync("list");
        Assert.True(list.Succeeded, list.Output);
        var line = Assert.Single(list.Output.Split('\n'), l => l.Contains(dead.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains("DeadLettered", line, StringComparison.Ordinal);
        Assert.Contains("attempts=3", line, StringComparison.Ordinal);
        Assert.False((await Task.Run(() => client.Channel.GetStatus(instance))).CallbackDelivered);

        receiver.AnswerWith(CallbackAnswer.Accepted);
        var replay = await fixture.CallbacksCommandAsync("replay", dead.Id.ToString());
        Assert.True(replay.Succeeded, replay.Output);

        var status = await client.DeliveredAsync(instance);
        Assert.Equal("Completed", status.State);
        var attempts = await receiver.WaitForAsync(4, TimeSpan.FromSeconds(5));
        Assert.Equal(4, attempts.Count);
        Assert.Equal(202, attempts[3].AnsweredStatus);
        Assert.Equal($"urn:uuid:{dead.Id}", attempts[3].MessageId());
        Assert.Equal(StoredCallbackState.Delivered, (await fixture.CallbacksOfAsync(instance)).Single().State);
    }

    [Fact]
    public async Task Replayed_callback_the_client_refuses_again_is_dead_lettered_again_after_one_attempt()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(CallbackAnswer.BadRequest);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();
        await client.StartWorkAsync(instance, 1, receiver.Address);
        var dead = await fixture.CallbackWhenAsync(instance, c => c.State == StoredCallbackState.DeadLettered, "the callback is dead-lettered");

        var replay = await fixture.CallbacksCommandAsync("replay", dead.Id.ToString());
        Assert.True(replay.Succeeded, replay.Output);

        var again = await fixture.CallbackWhenAsync(
            instance,
            c => c.State == StoredCallbackState.DeadLettered,
            "the replayed callback is dead-lettered again",
            TimeSpan.FromSeconds(15));
        Assert.Equal(1, again.Attempts);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(415)]
    public async Task Callback_the_client_refuses_is_dead_lettered_after_one_attempt(int status)
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(new CallbackAnswer(status));
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        var dead = await fixture.CallbackWhenAsync(instance, c => c.State == StoredCallbackState.DeadLettered, "the callback is dead-lettered");
        Assert.Equal(1, dead.Attempts);
        Assert.Equal(status, dead.LastStatusCode);
        var only = Assert.Single(receiver.Requests);
        Assert.Equal($"urn:uuid:{dead.Id}", only.MessageId());
        Assert.False((await Task.Run(() => client.Channel.GetStatus(instance))).CallbackDelivered);
    }

    [Fact]
    public async Task Callback_answered_500_with_a_SOAP_fault_is_retried_to_the_bound_and_the_dead_letter_names_the_fault()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(CallbackAnswer.SoapFault);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        var dead = await fixture.CallbackWhenAsync(instance, c => c.State == StoredCallbackState.DeadLettered, "the callback is dead-lettered");
        Assert.Equal(3, dead.Attempts);
        Assert.Equal(500, dead.LastStatusCode);
        Assert.Equal(3, receiver.Requests.Count);
        var error = await fixture.LastErrorOfAsync(dead.Id);
        Assert.StartsWith("gave up after 3 attempts; last: HTTP 500 with a SOAP fault: ", error, StringComparison.Ordinal);
        Assert.Contains("The client does not accept this callback.", error, StringComparison.Ordinal);
    }
}
