using DuplexBus.IntegrationTests.Durability;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.IntegrationTests.Sagas;

/// <summary>
/// The sample saga's messages are spread over partition queues by instance: an instance that cannot move holds up only
/// the instances that share its partition, and every instance's items are still applied once and in order.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class PartitionedSagaTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    private const int Others = 12;
    private const int Items = 5;

    [Fact]
    public async Task An_instance_held_by_a_lock_holds_up_only_its_own_partition_and_order_holds_everywhere()
    {
        var held = Guid.NewGuid();
        var others = Enumerable.Range(0, Others).Select(_ => Guid.NewGuid()).ToArray();
        // A client per instance: the host's first answer sets a context cookie, and a context names the instance.
        using var sender = new ResendingClient(fixture.Host.BaseAddress);
        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        await sender.AddItemsAsync(held, 1, 1, TimeSpan.FromSeconds(60));
        await reader.StatusWhenAsync(held, s => s.ItemCount == 1, "the held instance exists");

        // Its row locked, the saga cannot apply its next item: the partition it lives in stops until the lock goes.
        await using var blocker = new NpgsqlConnection(fixture.ConnectionString);
        await blocker.OpenAsync();
        var holding = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM work_state WHERE correlation_id = @id FOR UPDATE", blocker, holding))
        {
            lockRow.Parameters.AddWithValue("id", held);
            await lockRow.ExecuteScalarAsync();
        }

        await sender.AddItemsAsync(held, 2, Items, TimeSpan.FromSeconds(60));
        foreach (var other in others)
        {
            using var client = new ResendingClient(fixture.Host.BaseAddress);
            await client.AddItemsAsync(other, 1, Items, TimeSpan.FromSeconds(60));
        }

        // With one queue for the saga every other instance would wait behind the held one; with 8 partitions the
        // chance that all 12 share its partition is 8^-12.
        var applied = await Eventually.Until(
            async () => (await Task.WhenAll(others.Select(o => Task.Run(() => reader.Channel.GetStatus(o))))).Count(s => s.ItemCount == Items),
            count => count > 0, TimeSpan.FromSeconds(60), "instances in other partitions applied while one is held");
        Assert.InRange(applied, 1, Others);
        Assert.Equal(1, reader.Channel.GetStatus(held).ItemCount);

        await holding.CommitAsync();
        foreach (var instance in others.Append(held))
        {
            var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= Items, $"every item of {instance} applied");
            Assert.Equal(Items, status.LastIndex);
            Assert.True(status.InOrder, status.ToString());
        }
        await fixture.WaitQuietAsync();
        foreach (var instance in others.Append(held))
            Assert.Equal(Items, reader.Channel.GetStatus(instance).ItemCount);
    }
}
