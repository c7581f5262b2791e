using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// Unchanged WCF clients with reliable sessions (WS-RM 1.0 and 1.1, every SOAP and WS-Addressing version, ordered
/// and unordered, and WSHttpBinding with ReliableSession) against the edge: every item applied exactly once, in order.
/// </summary>
public abstract class ReliableSessionScenarios
{
    protected abstract HostProcess Host { get; }

    /// <summary>The stored state of a sequence: (status, received ranges), or null when there is no such row.</summary>
    protected abstract Task<(int Status, string Received)?> LoadSequenceAsync(string id);

    [Theory, MemberData(nameof(RmClientBinding.All), MemberType = typeof(RmClientBinding))]
    public async Task Reliable_session_applies_every_item_once_and_in_order(string configuration)
    {
        var client = RmClientBinding.Find(configuration);
        var instance = Guid.NewGuid();
        WorkStatus status;
        string sequenceId;
        using (var session = new WorkClient(Host.BaseAddress, client.Create()))
        {
            ((System.ServiceModel.IClientChannel)session.Channel).Open();
            sequenceId = ((System.ServiceModel.IClientChannel)session.Channel).SessionId!;
            await Task.Run(() =>
            {
                for (var index = 1; index <= 200; index++)
                    session.Channel.AddItem(instance, index, $"item {index}");
            });

            // GetStatus travels on the same session: a request with a reply on the offered sequence.
            status = await session.StatusWhenAsync(instance, s => s.ItemCount >= 200, "every item applied");
        }

        Assert.Equal(200, status.ItemCount);
        Assert.Equal(200, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());

        // The session was durable: the edge stored the sequence, received every number without a gap, and the
        // client's close terminated it.
        var stored = await LoadSequenceAsync(sequenceId);
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Value.Status);
        Assert.Matches(@"^1-\d+$", stored.Value.Received);
        Assert.True(long.Parse(stored.Value.Received[2..], System.Globalization.CultureInfo.InvariantCulture) >= 201, stored.Value.Received);
    }

    [Fact]
    public async Task Eight_concurrent_sessions_mixing_RM_10_and_11_each_keep_their_order()
    {
        var names = RmClientBinding.Configurations.Where(c => c.Ordered).Select(c => c.Name).Take(8).ToArray();
        Assert.Contains(names, n => n.StartsWith("RM 1.0", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("RM 1.1", StringComparison.Ordinal));
        var instances = names.Select(_ => Guid.NewGuid()).ToArray();

        await Task.WhenAll(names.Select((name, i) => Task.Run(() =>
        {
            using var session = new WorkClient(Host.BaseAddress, RmClientBinding.Find(name).Create());
            for (var index = 1; index <= 50; index++)
                session.Channel.AddItem(instances[i], index, name);
        })));

        using var reader = new WorkClient(Host.BaseAddress, ClientBinding.Basic);
        foreach (var instance in instances)
        {
            var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 50, "50 items applied");
            Assert.Equal(50, status.ItemCount);
            Assert.True(status.InOrder, status.ToString());
        }
    }
}
