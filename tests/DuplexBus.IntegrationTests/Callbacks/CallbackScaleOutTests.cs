using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>Two hosts on one database and broker share the callbacks: each is delivered, and by one host only.</summary>
[Collection(nameof(RealServers))]
public sealed class CallbackScaleOutTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    private const int Instances = 20;

    [Fact]
    public async Task Callbacks_of_work_started_on_two_hosts_are_each_delivered_once()
    {
        await using var second = await HostProcess.StartAsync(fixture.Options());
        await using var receiver = await CallbackReceiver.StartAsync();
        using var first = CallbackClients.Create(fixture.Host.BaseAddress);
        using var other = CallbackClients.Create(second.BaseAddress);
        var instances = Enumerable.Range(0, Instances).Select(_ => Guid.NewGuid()).ToArray();

        for (var i = 0; i < Instances; i++)
            await (i % 2 == 0 ? first : other).StartWorkAsync(instances[i], 2, receiver.Address);

        var requests = await receiver.WaitForAsync(
            r => r.Select(c => c.CompletedInstance()).Distinct().Count() == Instances,
            TimeSpan.FromSeconds(60),
            $"a callback for each of the {Instances} instances arrived");
        foreach (var instance in instances)
        {
            var status = await (instance == instances[0] ? first : other).DeliveredAsync(instance);
            Assert.Equal("Completed", status.State);
        }

        requests = receiver.Requests;
        var byInstance = requests.GroupBy(r => r.CompletedInstance()).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(instances.Order(), byInstance.Keys.Order());
        Assert.All(byInstance.Values, callbacks => Assert.Single(callbacks.Select(c => c.MessageId()).Distinct()));
        Assert.Equal(Instances, requests.Select(r => r.MessageId()).Distinct().Count());
        var duplicates = requests.Count - Instances;
        Assert.True(duplicates == 0, $"{duplicates} callbacks were sent more than once although every attempt was answered 202");
    }
}
