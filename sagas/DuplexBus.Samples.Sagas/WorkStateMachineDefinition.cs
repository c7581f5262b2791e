using MassTransit;

namespace DuplexBus.Samples.Sagas;

/// <summary>
/// The saga endpoint consumes one message at a time, in queue order: the relay publishes in commit order, so
/// items reach each instance in the order the edge accepted them. (A partitioner per instance is not enough:
/// concurrently dispatched deliveries can reach it out of order.) On RabbitMQ the queue has a single active
/// consumer, so the order also holds when several hosts share it: the others stand by and take over.
/// </summary>
public sealed class WorkStateMachineDefinition : SagaDefinition<WorkState>
{
    public WorkStateMachineDefinition() =>
        Endpoint(e =>
        {
            e.ConcurrentMessageLimit = 1;
            e.PrefetchCount = 64;
        });

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<WorkState> sagaConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SingleActiveConsumer = true;
    }
}
