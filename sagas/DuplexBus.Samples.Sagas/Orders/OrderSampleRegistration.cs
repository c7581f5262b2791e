using DuplexBus.Configuration;
using DuplexBus.Sagas;
using DuplexBus.Samples.Contracts.Orders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Samples.Sagas.Orders;

public static class OrderSampleRegistration
{
    /// <summary>The OrderService back end: the order saga, the shipping consumer, and the options in <c>Samples:Orders</c>.</summary>
    public static DuplexBusConfigurator AddOrderSample(this DuplexBusConfigurator bus, IConfiguration? orders = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var options = bus.Services.AddOptions<OrderOptions>();
        if (orders is not null)
            options.Bind(orders);
        options.ValidateDataAnnotations().ValidateOnStart();
        return bus
            .OutboxMessage<ShipOrder>()
            .OutboxMessage<OrderShipped>()
            .ConfigureBus(x =>
            {
                x.AddSagaStateMachine<OrderStateMachine, OrderState>(typeof(OrderStateMachineDefinition)).UseDuplexBusRepository();
                x.AddConsumer<ShippingConsumer>();
            });
    }
}
