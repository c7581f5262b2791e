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
[Collection(nameof(FaultServers))]
public sealed class PartitionedSagaTests(PartitionedHostFixture fixture) : IClassFixture<PartitionedHostFixture>
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
        await using var holding = await WorkStateRowLock.HoldAsync(fixture.ConnectionString, held);

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

        await holding.ReleaseAsync();
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

    [Fact]
    public async Task Hosts_share_the_partitions_and_a_killed_host_s_share_moves_to_the_others_with_every_instance_in_order()
    {
        const int instances = 24;
        const int items = 20;
        await using var second = await HostProcess.StartAsync(ShortLeases());
        await using var third = await HostProcess.StartAsync(ShortLeases());

        // Three live hosts, eight partitions: every host holds some, none holds more than its share of three.
        var owners = await Eventually.Until(
            LeaseOwnersAsync, o => o.Count == 3 && o.Values.Sum() == 8 && o.Values.All(held => held is >= 2 and <= 3),
            TimeSpan.FromSeconds(60), "the partitions spread over the three hosts");
        Assert.Equal(8, owners.Values.Sum());

        var ids = Enumerable.Range(0, instances).Select(_ => Guid.NewGuid()).ToArray();
        var senders = ids.Select(_ => new ResendingClient(fixture.Host.BaseAddress)).ToArray();
        try
        {
            var firstHalf = ids.Select((id, i) => senders[i].AddItemsAsync(id, 1, items / 2, TimeSpan.FromMinutes(2)));
            await Task.WhenAll(firstHalf);
            await second.KillAsync();
            var secondHalf = ids.Select((id, i) => senders[i].AddItemsAsync(id, (items / 2) + 1, items, TimeSpan.FromMinutes(2)));
            await Task.WhenAll(secondHalf);
        }
        finally
        {
            foreach (var sender in senders)
                sender.Dispose();
        }

        // The killed host's leases run out and the two left take its partitions over.
        await Eventually.Until(
            LeaseOwnersAsync, o => o.Count == 2 && o.Values.Sum() == 8, TimeSpan.FromSeconds(60), "the killed host's partitions taken over");
        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        foreach (var id in ids)
            await reader.StatusWhenAsync(id, s => s.ItemCount >= items, $"every item of {id} applied", TimeSpan.FromSeconds(90));
        await fixture.WaitQuietAsync();
        foreach (var id in ids)
        {
            var status = reader.Channel.GetStatus(id);
            Assert.Equal(items, status.ItemCount);
            Assert.Equal(items, status.LastIndex);
            Assert.True(status.InOrder, status.ToString());
        }
    }

    [Fact]
    public async Task A_host_that_joins_while_partitions_hold_a_backlog_takes_its_share_with_every_instance_in_order()
    {
        const int instances = 16;
        const int items = 80;
        var ids = Enumerable.Range(0, instances).Select(_ => Guid.NewGuid()).ToArray();
        var senders = ids.Select(_ => new ResendingClient(fixture.Host.BaseAddress)).ToArray();
        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        try
        {
            await Task.WhenAll(ids.Select((id, i) => senders[i].AddItemsAsync(id, 1, 1, TimeSpan.FromSeconds(60))));
            foreach (var id in ids)
                await reader.StatusWhenAsync(id, s => s.ItemCount == 1, $"{id} exists");

            // Every instance's row locked: each partition stops on its first message, and the host that consumes it
            // takes the messages behind it from the broker ahead of time (the prefetch).
            await using var holding = await WorkStateRowLock.HoldAsync(fixture.ConnectionString, ids);
            await Task.WhenAll(ids.Select((id, i) => senders[i].AddItemsAsync(id, 2, items, TimeSpan.FromSeconds(60))));
            await Eventually.Until(
                async () => (await fixture.Servers.RabbitMq.QueueMessagesAsync(fixture.RabbitMqUri)).Where(q => q.Key.StartsWith("work-state-p", StringComparison.Ordinal)).Sum(q => q.Value),
                queued => queued >= instances * (items - 1), TimeSpan.FromSeconds(60), "every item waiting in the partition queues");

            // A second host joins: the first gives half its partitions back, each as soon as the message in hand is
            // done, which is when the lock goes. What the first had taken ahead must reach the second before anything
            // behind it: the partitions are handed over with a backlog larger than the prefetch.
            await using var second = await HostProcess.StartAsync(ShortLeases());
            await Eventually.Until(LiveHostsAsync, live => live == 2, TimeSpan.FromSeconds(60), "the second host seen by the first");
            await holding.ReleaseAsync();

            await Eventually.Until(
                LeaseOwnersAsync, o => o.Count == 2 && o.Values.Sum() == PartitionedHostFixture.Partitions,
                TimeSpan.FromSeconds(60), "the partitions shared by the two hosts");
            foreach (var id in ids)
                await reader.StatusWhenAsync(id, s => s.ItemCount >= items, $"every item of {id} applied", TimeSpan.FromSeconds(90));
            await fixture.WaitQuietAsync();
            foreach (var id in ids)
            {
                var status = reader.Channel.GetStatus(id);
                Assert.True(status.InOrder, status.ToString());
                Assert.Equal(items, status.ItemCount);
                Assert.Equal(items, status.LastIndex);
            }
        }
        finally
        {
            foreach (var sender in senders)
                sender.Dispose();
        }
    }

    private async Task<long> LiveHostsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM saga_partition_host WHERE seen_at > now() - interval '5 seconds'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private HostProcessOptions ShortLeases()
    {
        var options = fixture.Options();
        options.Environment["DuplexBus__SagaPartitions__LeaseDuration"] = "00:00:03";
        options.Environment["DuplexBus__SagaPartitions__RenewInterval"] = "00:00:00.500";
        return options;
    }

    /// <summary>How many partitions each host holds under a lease that has not run out.</summary>
    private async Task<Dictionary<string, int>> LeaseOwnersAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT owner, count(*) FROM saga_partition_lease WHERE expires_at > now() GROUP BY owner", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
            owners[reader.GetString(0)] = (int)reader.GetInt64(1);
        return owners;
    }
}
