using DuplexBus.Outbox;
using DuplexBus.Sagas;
using DuplexBus.Samples.Contracts.Orders;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Samples.Sagas.Orders;

public static class OrderSampleRegistration
{
    /// <summary>
    /// The OrderService back end, added to the application's bus: the order saga, the shipping consumer, the
    /// messages they write to the outbox, and the options in <c>Samples:Orders</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddOrderSample(this IBusRegistrationConfigurator bus, IConfiguration? orders = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var options = bus.AddOptions<OrderOptions>();
        if (orders is not null)
            options.Bind(orders);
        options.ValidateDataAnnotations().ValidateOnStart();
        bus.AddSingleton(new OutboxMessageType(typeof(ShipOrder)));
        bus.AddSingleton(new OutboxMessageType(typeof(OrderShipped)));
        bus.AddSagaStateMachine<OrderStateMachine, OrderState>(typeof(OrderStateMachineDefinition)).UseDuplexBusRepository();
        bus.AddConsumer<ShippingConsumer>();
        return bus;
    }
}
