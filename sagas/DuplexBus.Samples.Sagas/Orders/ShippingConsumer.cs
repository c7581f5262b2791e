using DuplexBus.Edge.Ingress;
using DuplexBus.Inbox;
using DuplexBus.Samples.Contracts.Orders;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DuplexBus.Samples.Sagas.Orders;

/// <summary>
/// The shipping back end: waits as long as shipping takes, then answers OrderShipped through the outbox in one
/// transaction with its inbox mark; a redelivery ships nothing twice.
/// </summary>
public sealed class ShippingConsumer(ConsumerInbox inbox, IOptions<OrderOptions> options, TimeProvider time) : IConsumer<ShipOrder>
{
    public const string InboxName = "consumer:" + nameof(ShippingConsumer);

    public async Task Consume(ConsumeContext<ShipOrder> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await Task.Delay(options.Value.ShippingTime, context.CancellationToken).ConfigureAwait(false);
        var order = context.Message.OrderId;
        var shipped = new OrderShipped(order, options.Value.Carrier, "DB" + order.ToString("N")[..12].ToUpperInvariant(), time.GetUtcNow());
        await inbox.CommitOnceAsync(context, InboxName, outbox => outbox.Add(shipped, DeterministicGuid.Create(context.MessageId!.Value, "order-shipped")))
            .ConfigureAwait(false);
    }
}
