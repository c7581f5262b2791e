using DuplexBus.IntegrationTests.Durability;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// A database outage in the middle of a WCF reliable session: what the edge could not store is left unacknowledged,
/// so the client resends it in the same sequence instead of faulting the session and starting a new one; every item
/// takes effect once, in order.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class ReliableOutageTests(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    [Theory]
    [InlineData("RM 1.0 Soap12WSAddressing10 ordered")]
    [InlineData("RM 1.1 Soap11WSAddressing10 ordered")]
    public async Task A_session_rides_out_a_PostgreSQL_stop_and_every_item_is_applied_once_in_order(string configuration)
    {
        var postgres = fixture.Servers.Postgres;
        Assert.True(postgres.CanControl, "this test stops PostgreSQL, so it needs a server it controls");
        var instance = Guid.NewGuid();
        using var session = new WorkClient(fixture.Host.BaseAddress, RmClientBinding.Find(configuration).Create());

        await Task.Run(() =>
        {
            for (var index = 1; index <= 20; index++)
                session.Channel.AddItem(instance, index, "before the outage");
        });
        await postgres.StopAsync();
        // The client keeps sending while the database is away; its retransmissions reach it after the restart.
        var sending = Task.Run(() =>
        {
            for (var index = 21; index <= 40; index++)
                session.Channel.AddItem(instance, index, "across the outage");
        });
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5)); // the outage itself
        }
        finally
        {
            await postgres.StartAsync();
        }
        await sending;

        var status = await session.StatusWhenAsync(instance, s => s.ItemCount >= 40, "every item applied after the outage", TimeSpan.FromSeconds(90));
        await fixture.WaitQuietAsync();
        status = session.Channel.GetStatus(instance);
        Assert.Equal(40, status.ItemCount);
        Assert.Equal(40, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());
    }
}
