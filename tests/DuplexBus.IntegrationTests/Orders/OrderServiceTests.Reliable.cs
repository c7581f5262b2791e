using System.ServiceModel;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Samples.ServiceContracts.Orders;
using Npgsql;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>Reliable sessions in every client configuration the WorkService tests cover, on the order contract.</summary>
public sealed partial class OrderServiceTests
{
    [Theory, MemberData(nameof(RmClientBinding.All), MemberType = typeof(RmClientBinding))]
    public async Task Reliable_session_applies_an_orders_calls_once_and_in_order_and_closes_cleanly(string configuration)
    {
        var orderId = Guid.NewGuid();
        var order = SampleOrders.Create(configuration);
        OrderSummary cancelled;
        string sequenceId;
        using (var session = new OrderClient(fixture.Host.BaseAddress, RmClientBinding.Find(configuration).Create()))
        {
            session.ClientChannel.Open();
            sequenceId = session.ClientChannel.SessionId!;

            // A declared fault is a reply on the session like any other: the session goes on after it.
            var notYet = await Assert.ThrowsAsync<FaultException<OrderNotFound>>(() => Task.Run(() => session.Channel.GetOrder(orderId)));
            Assert.Equal(orderId, notYet.Detail.OrderId);

            // Place, then cancel twice: the saga keeps the first reason, so the stored reason shows the order the
            // calls were applied in, and the order's customer shows the placement came first.
            await Task.Run(() =>
            {
                session.Channel.PlaceOrder(orderId, order);
                session.Channel.CancelOrder(orderId, "first");
                session.Channel.CancelOrder(orderId, "second");
            });

            // GetOrder travels on the same session: a request with a reply on the offered sequence.
            cancelled = await session.OrderWhenAsync(orderId, s => s.Status == OrderStatus.Cancelled, "the order was cancelled");
        }

        Assert.Equal(configuration, cancelled.Customer);
        Assert.Equal(SampleOrders.Skus(order), cancelled.Skus);
        Assert.Equal(SampleOrders.Total, cancelled.Total);
        Assert.Null(cancelled.ShippedAt);
        Assert.Equal("first", await fixture.CancelReasonOfAsync(orderId));
        Assert.Equal(1, await fixture.OutboxRowsAsync("PlaceOrder", orderId));
        Assert.Equal(2, await fixture.OutboxRowsAsync("CancelOrder", orderId));

        // The edge stored the session, received every number without a gap, and the client's close terminated it.
        var (status, received) = await SequenceAsync(sequenceId);
        Assert.Equal(2, status);
        Assert.Matches(@"^1-\d+$", received);
        Assert.True(long.Parse(received[2..], System.Globalization.CultureInfo.InvariantCulture) >= 5, received);
    }

    private async Task<(int Status, string Received)> SequenceAsync(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, received FROM rm_sequence WHERE id = $1", connection);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no stored sequence {id}");
        return (reader.GetInt32(0), reader.GetString(1));
    }
}
