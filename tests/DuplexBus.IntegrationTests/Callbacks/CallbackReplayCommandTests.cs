using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// After an outage an operator puts many dead-lettered callbacks back in line with one command: by id (several),
/// every dead letter, or every dead letter to one destination. Run through the real host CLI.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackReplayCommandTests(ThreeAttemptsHostFixture fixture) : IClassFixture<ThreeAttemptsHostFixture>
{
    [Fact]
    public async Task Replay_by_destination_puts_back_only_the_dead_letters_to_that_host_and_port_and_all_dead_the_rest()
    {
        await using var first = await CallbackReceiver.StartAsync();
        await using var second = await CallbackReceiver.StartAsync();
        first.AnswerWith(CallbackAnswer.BadRequest);
        second.AnswerWith(CallbackAnswer.BadRequest);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        Guid[] toFirst = [Guid.NewGuid(), Guid.NewGuid()];
        Guid[] toSecond = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        foreach (var instance in toFirst)
            await client.StartWorkAsync(instance, 1, first.Address);
        foreach (var instance in toSecond)
            await client.StartWorkAsync(instance, 1, second.Address);
        foreach (var instance in toFirst.Concat(toSecond))
            await fixture.CallbackWhenAsync(instance, c => c.State == StoredCallbackState.DeadLettered, $"the callback of {instance} is dead-lettered");
        first.AnswerWith(CallbackAnswer.Accepted);
        second.AnswerWith(CallbackAnswer.Accepted);

        var byHostAndPort = await fixture.CallbacksCommandAsync("replay", "--destination", $"127.0.0.1:{first.Port}");

        Assert.True(byHostAndPort.Succeeded, byHostAndPort.Output);
        Assert.Contains("Replayed 2 dead-lettered callbacks", byHostAndPort.Output, StringComparison.Ordinal);
        foreach (var instance in toFirst)
            Assert.Equal("Completed", (await client.DeliveredAsync(instance)).State);
        foreach (var instance in toSecond)
            Assert.Equal(StoredCallbackState.DeadLettered, (await fixture.CallbacksOfAsync(instance)).Single().State);

        var byUri = await fixture.CallbacksCommandAsync("replay", "--destination", $"http://127.0.0.1:{first.Port}/cb");
        Assert.True(byUri.Succeeded, byUri.Output);
        Assert.Contains("Replayed 0 dead-lettered callbacks", byUri.Output, StringComparison.Ordinal);

        var all = await fixture.CallbacksCommandAsync("replay", "--all-dead");

        Assert.True(all.Succeeded, all.Output);
        Assert.Contains("Replayed 3 dead-lettered callbacks", all.Output, StringComparison.Ordinal);
        foreach (var instance in toSecond)
            Assert.Equal("Completed", (await client.DeliveredAsync(instance)).State);
        Assert.Equal(2, first.Requests.Count(r => r.AnsweredStatus == 202));
        Assert.Equal(3, second.Requests.Count(r => r.AnsweredStatus == 202));
    }

    [Fact]
    public async Task Replay_of_several_ids_puts_back_each_dead_letter_and_names_the_ids_it_did_not_find()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(CallbackAnswer.BadRequest);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        Guid[] instances = [Guid.NewGuid(), Guid.NewGuid()];
        var dead = new List<Guid>();
        foreach (var instance in instances)
        {
            await client.StartWorkAsync(instance, 1, receiver.Address);
            dead.Add((await fixture.CallbackWhenAsync(instance, c => c.State == StoredCallbackState.DeadLettered, "the callback is dead-lettered")).Id);
        }
        receiver.AnswerWith(CallbackAnswer.Accepted);
        var unknown = Guid.NewGuid();

        var replay = await fixture.CallbacksCommandAsync("replay", dead[0].ToString(), dead[1].ToString(), unknown.ToString());

        Assert.False(replay.Succeeded, replay.Output);
        Assert.Contains("Replayed 2 dead-lettered callbacks", replay.Output, StringComparison.Ordinal);
        Assert.Contains(unknown.ToString(), replay.Output, StringComparison.Ordinal);
        foreach (var instance in instances)
            Assert.Equal("Completed", (await client.DeliveredAsync(instance)).State);
    }
}
