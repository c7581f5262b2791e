using System.Text;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Durability;

/// <summary>
/// What can never succeed is parked where an operator sees it — never spun on, never in an error queue nobody
/// reads — and the good traffic keeps flowing, in order; a parked message can be replayed once its cause is fixed.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class ParkingTests(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    private const string AddItemType = "urn:message:DuplexBus.Samples.Contracts:AddItem";

    [Fact]
    public async Task A_full_batch_of_rows_no_host_can_read_is_parked_after_a_bounded_number_of_tries_and_traffic_behind_it_flows()
    {
        // More unreadable rows than one relay batch (10 here), then good traffic behind them.
        var unknownIds = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in unknownIds)
            await InsertOutboxRowAsync(id, "urn:message:Elsewhere:NotRegistered", "{}");
        var instance = Guid.NewGuid();
        using (var client = new ResendingClient(fixture.Host.BaseAddress))
            await client.AddItemsAsync(instance, 1, 5, TimeSpan.FromSeconds(30));

        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 5, "the items behind the unreadable rows applied", TimeSpan.FromSeconds(60));
        Assert.True(status.InOrder, status.ToString());

        var parked = await ParkedIdsAsync(unknownIds);
        Assert.Equal(unknownIds.Length, parked);
        // Each was tried MaxRowAttempts (3) times, not spun on, and left the outbox.
        Assert.Equal(unknownIds.Length, await fixture.ScalarAsync($"SELECT count(*) FROM parked_message WHERE message_id IN ({Ids(unknownIds)}) AND reason LIKE '%(tried 3 times)'"));
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM outbox_message WHERE message_id IN ({Ids(unknownIds)})"));
        var list = await fixture.ParkedCommandAsync("list");
        Assert.True(list.Succeeded, list.Output);
        foreach (var id in unknownIds)
            Assert.Contains(id.ToString(), list.Output, StringComparison.Ordinal);
        Assert.Contains("is not registered with this host", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_that_does_not_deserialize_holds_its_successors_until_parked_then_an_operator_fixes_and_replays_it()
    {
        var instance = Guid.NewGuid();
        var broken = Guid.NewGuid();
        await InsertOutboxRowAsync(broken, AddItemType, $$"""{"instanceId":"{{instance}}","index":"one","value":"v"}""");
        using (var client = new ResendingClient(fixture.Host.BaseAddress))
            await client.AddItemsAsync(instance, 2, 4, TimeSpan.FromSeconds(30));
        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        await reader.StatusWhenAsync(instance, s => s.ItemCount >= 3, "the items behind the parked row applied", TimeSpan.FromSeconds(60));

        var parkedId = await Eventually.Until(
            () => fixture.ScalarTextAsync($"SELECT id::text FROM parked_message WHERE message_id = '{broken}'"),
            id => id is not null, TimeSpan.FromSeconds(30), "the broken row parked");
        Assert.Contains("(tried 3 times)", await fixture.ScalarTextAsync($"SELECT reason FROM parked_message WHERE id = '{parkedId}'"), StringComparison.Ordinal);
        await fixture.ExecuteAsync($$"""UPDATE parked_message SET body = '{"instanceId":"{{instance}}","index":1,"value":"v"}' WHERE id = '{{parkedId}}'""");

        var replay = await fixture.ParkedCommandAsync("replay", parkedId!);
        Assert.True(replay.Succeeded, replay.Output);
        Assert.Contains("Replayed 1 parked messages", replay.Output, StringComparison.Ordinal);

        var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 4, "the replayed item applied", TimeSpan.FromSeconds(60));
        Assert.Equal(4, status.ItemCount);
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM parked_message WHERE message_id = '{broken}'"));
    }

    [Fact]
    public async Task Poison_messages_on_the_saga_queue_are_parked_instead_of_reaching_an_error_queue_and_later_messages_flow()
    {
        var instance = Guid.NewGuid();
        using var client = new ResendingClient(fixture.Host.BaseAddress);
        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        await client.AddItemsAsync(instance, 1, 1, TimeSpan.FromSeconds(30));
        await reader.StatusWhenAsync(instance, s => s.ItemCount >= 1, "the saga endpoint is up", TimeSpan.FromSeconds(60));
        var before = await fixture.ScalarAsync("SELECT count(*) FROM parked_message WHERE source LIKE 'endpoint:%'");

        // A sender that is not DuplexBus: one body that is not JSON at all, one whose instanceId is not a Guid.
        await fixture.PublishRawAsync("DuplexBus.Samples.Contracts:AddItem", Encoding.UTF8.GetBytes("\u0001 not an envelope"), "application/vnd.masstransit+json");
        var envelope = "{\"messageId\":\"" + Guid.NewGuid() + "\",\"messageType\":[\"" + AddItemType
            + "\"],\"message\":{\"instanceId\":\"not-a-guid\",\"index\":2,\"value\":\"v\"},\"headers\":{}}";
        await fixture.PublishRawAsync("DuplexBus.Samples.Contracts:AddItem", Encoding.UTF8.GetBytes(envelope), "application/vnd.masstransit+json");
        await client.AddItemsAsync(instance, 2, 3, TimeSpan.FromSeconds(30));

        var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= 3, "good traffic behind the poison applied", TimeSpan.FromSeconds(60));
        Assert.True(status.InOrder, status.ToString());
        await Eventually.Until(
            () => fixture.ScalarAsync("SELECT count(*) FROM parked_message WHERE source LIKE 'endpoint:work-state-p%'"),
            count => count >= before + 2, TimeSpan.FromSeconds(30), "both poison messages parked");
        Assert.Equal(0L, await fixture.SagaQueueDepthAsync("_error"));
        var list = await fixture.ParkedCommandAsync("list");
        Assert.Contains("endpoint:work-state-p", list.Output, StringComparison.Ordinal);
    }

    private async Task<long> ParkedIdsAsync(Guid[] ids) =>
        await Eventually.Until(
            () => fixture.ScalarAsync($"SELECT count(*) FROM parked_message WHERE message_id IN ({Ids(ids)})"),
            count => count == ids.Length, TimeSpan.FromSeconds(60), "every unreadable row parked");

    private Task InsertOutboxRowAsync(Guid messageId, string type, string body) =>
        fixture.ExecuteAsync($"INSERT INTO outbox_message (message_id, message_type, body, created_at, attempts) VALUES ('{messageId}', '{type}', '{body}'::jsonb, now(), 0)");

    private static string Ids(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => $"'{id}'"));
}
