using System.ServiceModel;
using System.Xml;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Skeleton;

/// <summary>
/// The walking skeleton driven by the real WCF client: SOAP in, outbox, bus, saga, GetStatus out. The same
/// scenarios run against every mode of the host.
/// </summary>
public abstract class SkeletonScenarios
{
    protected abstract HostProcess Host { get; }

    [Theory, MemberData(nameof(ClientBinding.All), MemberType = typeof(ClientBinding))]
    public async Task Hundred_AddItems_are_each_applied_once_and_in_order(string binding)
    {
        using var client = new WorkClient(Host.BaseAddress, binding);
        var instance = Guid.NewGuid();

        await Task.Run(() =>
        {
            for (var index = 1; index <= 100; index++)
                client.Channel.AddItem(instance, index, $"item {index}");
        });

        var status = await client.StatusWhenAsync(instance, s => s.ItemCount >= 100, "all 100 items applied");
        Assert.Equal(100, status.ItemCount);
        Assert.Equal(100, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());
        Assert.Equal("Open", status.State);
        Assert.Equal(instance, status.InstanceId);
    }

    [Fact]
    public async Task Eight_concurrent_clients_each_keep_their_own_order()
    {
        var instances = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();

        await Task.WhenAll(instances.Select((instance, i) => Task.Run(() =>
        {
            using var client = new WorkClient(Host.BaseAddress, i % 2 == 0 ? ClientBinding.Basic : ClientBinding.WsHttp);
            for (var index = 1; index <= 25; index++)
                client.Channel.AddItem(instance, index, "v");
        })));

        using var reader = new WorkClient(Host.BaseAddress, ClientBinding.Basic);
        foreach (var instance in instances)
        {
            var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 25, "25 items applied");
            Assert.Equal(25, status.ItemCount);
            Assert.True(status.InOrder, status.ToString());
        }
    }

    [Theory, MemberData(nameof(ClientBinding.All), MemberType = typeof(ClientBinding))]
    public async Task StartWork_moves_the_instance_to_Working_and_the_back_end_completes_it(string binding)
    {
        using var client = new WorkClient(Host.BaseAddress, binding);
        var instance = Guid.NewGuid();

        await Task.Run(() => client.Channel.StartWork(instance, 3));

        var started = await client.StatusWhenAsync(instance, s => s.State != "None", "the saga exists");
        Assert.Contains(started.State, new[] { "Working", "Completed" });
        var done = await client.StatusWhenAsync(instance, s => s.State == "Completed", "the back end finished 3 steps");
        Assert.Equal(0, done.ItemCount);
        Assert.False(done.CallbackDelivered);
    }

    [Theory, MemberData(nameof(ClientBinding.All), MemberType = typeof(ClientBinding))]
    public async Task GetStatus_of_an_unknown_instance_is_None_and_zeros(string binding)
    {
        using var client = new WorkClient(Host.BaseAddress, binding);
        var instance = Guid.NewGuid();

        var status = await Task.Run(() => client.Channel.GetStatus(instance));

        Assert.Equal(instance, status.InstanceId);
        Assert.Equal("None", status.State);
        Assert.Equal(0, status.ItemCount);
        Assert.Equal(0, status.LastIndex);
        Assert.False(status.InOrder);
        Assert.False(status.CallbackDelivered);
    }

    [Fact]
    public async Task One_way_message_sent_twice_with_the_same_MessageID_is_applied_once()
    {
        using var client = new WorkClient(Host.BaseAddress, ClientBinding.WsHttp);
        var instance = Guid.NewGuid();
        var messageId = new UniqueId(Guid.NewGuid());

        await Task.Run(() =>
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var scope = new OperationContextScope((IContextChannel)client.Channel);
                OperationContext.Current.OutgoingMessageHeaders.MessageId = messageId;
                client.Channel.AddItem(instance, 1, "once");
            }
            client.Channel.AddItem(instance, 2, "sentinel");
        });

        // The sentinel was committed after both copies, so once it is applied a second copy would have been too.
        var status = await client.StatusWhenAsync(instance, s => s.LastIndex == 2, "the sentinel item applied");
        Assert.Equal(2, status.ItemCount);
        Assert.True(status.InOrder, status.ToString());
    }
}
