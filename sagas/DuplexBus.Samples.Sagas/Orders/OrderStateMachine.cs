using DuplexBus.Callbacks;
using DuplexBus.Edge.Ingress;
using DuplexBus.Samples.Contracts.Orders;
using DuplexBus.Samples.ServiceContracts.Orders;
using MassTransit;

namespace DuplexBus.Samples.Sagas.Orders;

/// <summary>
/// One order, from PlaceOrder to its shipment. Placing it records the order and sends the shipping back end a
/// ShipOrder; OrderShipped completes it and calls the client back on IOrderCallback.OrderShipped. A cancellation
/// before the shipment wins; after it, it changes nothing.
/// </summary>
public sealed class OrderStateMachine : MassTransitStateMachine<OrderState>
{
    public OrderStateMachine()
    {
        InstanceState(s => s.CurrentState);

        Event(() => OrderPlaced, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => OrderCancelled, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => ShipmentMade, e =>
        {
            e.CorrelateById(m => m.Message.OrderId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => CallbackArrived, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(OrderPlaced).Then(Place).Publish(c => new ShipOrder(c.Saga.CorrelationId, c.Message.Order.Lines.Count)).TransitionTo(Placed),
            When(OrderCancelled).Then(c => c.Saga.CancelReason = c.Message.Reason).TransitionTo(Cancelled));

        During(Placed,
            When(OrderCancelled).Then(c => c.Saga.CancelReason = c.Message.Reason).TransitionTo(Cancelled),
            When(ShipmentMade).Then(Ship).TransitionTo(Shipped));

        During(Shipped, Ignore(OrderCancelled));
        During(Placed, Shipped, Cancelled, Ignore(OrderPlaced));
        During(Cancelled, Ignore(ShipmentMade), Ignore(OrderCancelled));

        DuringAny(When(CallbackArrived).Then(c => c.Saga.CallbackDelivered = true));
    }

    public State Placed { get; private set; } = null!;

    public State Shipped { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<PlaceOrder> OrderPlaced { get; private set; } = null!;

    public Event<CancelOrder> OrderCancelled { get; private set; } = null!;

    public Event<OrderShipped> ShipmentMade { get; private set; } = null!;

    public Event<CallbackDelivered> CallbackArrived { get; private set; } = null!;

    private static void Place(BehaviorContext<OrderState, PlaceOrder> context)
    {
        var state = context.Saga;
        var order = context.Message.Order;
        state.Customer = order.Customer.Name;
        state.Skus = string.Join('\n', order.Lines.Select(l => l.Sku));
        state.Total = order.Lines.Sum(l => l.Quantity * l.UnitPrice) - (order.Discount ?? 0m);
        state.Callback = context.Message.Callback;
    }

    /// <summary>Shipped: record it and, when the client gave an address, call it back with the shipment.</summary>
    private static void Ship(BehaviorContext<OrderState, OrderShipped> context)
    {
        var state = context.Saga;
        var shipped = context.Message;
        (state.Carrier, state.TrackingNumber, state.ShippedAt) = (shipped.Carrier, shipped.TrackingNumber, shipped.ShippedAt);
        if (state.Callback is not { } callback)
            return;
        var shipment = new Shipment { Carrier = shipped.Carrier, TrackingNumber = shipped.TrackingNumber, ShippedAt = shipped.ShippedAt };
        context.GetServiceOrCreateInstance<CallbackWriter>().Add<IOrderCallback>(
            callback,
            client => client.OrderShipped(state.CorrelationId, shipment),
            DeterministicGuid.Create(context.MessageId!.Value, "order-shipped"),
            state.CorrelationId);
    }
}
