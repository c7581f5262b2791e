using DuplexBus.IntegrationTests.Callbacks;
using DuplexBus.Outbox;
using DuplexBus.Samples.Contracts.Orders;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>
/// The one production-mode host (PostgreSQL + RabbitMQ) every OrderService test shares, with the fast callback
/// settings of <see cref="CallbackHostFixture"/>. Shipping takes a second, so a cancellation sent right after the
/// order always reaches the saga before the shipment does.
/// </summary>
public sealed class OrderHostFixture(ServersFixture servers) : CallbackHostFixture(servers)
{
    public static readonly TimeSpan ShippingTime = TimeSpan.FromSeconds(1);

    /// <summary>The order saga's stored cancel reason, or null when it has none (or there is no such order).</summary>
    public async Task<string?> CancelReasonOfAsync(Guid order)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT cancel_reason FROM order_state WHERE correlation_id = @order", connection);
        command.Parameters.AddWithValue("order", order);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>How many outbox rows of a message type (by the end of its type name) mention the order.</summary>
    public async Task<long> OutboxRowsAsync(string messageType, Guid order)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM outbox_message WHERE message_type LIKE '%' || @type || '%' AND body::text ILIKE '%' || @order || '%'",
            connection);
        command.Parameters.AddWithValue("type", messageType);
        command.Parameters.AddWithValue("order", order.ToString("D"));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The PlaceOrder message the edge committed to the outbox for the order (exactly one is expected).</summary>
    public async Task<PlaceOrder> PlacedOrderAsync(Guid order)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT body::text FROM outbox_message WHERE message_type LIKE '%PlaceOrder%' AND body::text ILIKE '%' || @order || '%'",
            connection);
        command.Parameters.AddWithValue("order", order.ToString("D"));
        var body = (string)(await command.ExecuteScalarAsync())!;
        return (PlaceOrder)OutboxSerializer.Deserialize(body, typeof(PlaceOrder));
    }

    protected override void Configure(IDictionary<string, string> environment) =>
        environment["Samples__Orders__ShippingTime"] = ShippingTime.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
