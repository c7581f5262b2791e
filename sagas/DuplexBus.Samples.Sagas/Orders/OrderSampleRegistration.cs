using DuplexBus.Sagas;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Samples.Sagas.Orders;

public static class OrderSampleRegistration
{
    /// <summary>
    /// The OrderService back end, added to the application's bus: the order saga (on the DuplexBus repository), the
    /// shipping consumer, and the options in <c>Samples:Orders</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddOrderSample(this IBusRegistrationConfigurator bus, IConfiguration? orders = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var options = bus.AddOptions<OrderOptions>();
        if (orders is not null)
            options.Bind(orders);
        options.ValidateDataAnnotations().ValidateOnStart();
        bus.AddSagaStateMachine<OrderStateMachine, OrderState>(typeof(OrderStateMachineDefinition)).UseDuplexBusRepository();
        bus.AddConsumer<ShippingConsumer>();
        return bus;
    }
}
