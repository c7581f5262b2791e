using MassTransit;

namespace DuplexBus.Samples.Sagas.Orders;

/// <summary>One message at a time in queue order, one active consumer on RabbitMQ: as the WorkService saga, and for the same reason.</summary>
public sealed class OrderStateMachineDefinition : SagaDefinition<OrderState>
{
    public OrderStateMachineDefinition() =>
        Endpoint(e =>
        {
            e.ConcurrentMessageLimit = 1;
            e.PrefetchCount = 64;
        });

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<OrderState> sagaConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SingleActiveConsumer = true;
    }
}
