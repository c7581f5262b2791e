using DuplexBus.Samples.Contracts.Orders;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DuplexBus.Samples.Sagas.Orders;

/// <summary>
/// The shipping back end: waits as long as shipping takes, then publishes OrderShipped (through the outbox, with the
/// message's inbox mark: a redelivery ships nothing twice).
/// </summary>
public sealed class ShippingConsumer(IOptions<OrderOptions> options, TimeProvider time) : IConsumer<ShipOrder>
{
    public async Task Consume(ConsumeContext<ShipOrder> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await Task.Delay(options.Value.ShippingTime, context.CancellationToken).ConfigureAwait(false);
        var order = context.Message.OrderId;
        var shipped = new OrderShipped(order, options.Value.Carrier, "DB" + order.ToString("N")[..12].ToUpperInvariant(), time.GetUtcNow());
        await context.Publish(shipped, context.CancellationToken).ConfigureAwait(false);
    }
}
