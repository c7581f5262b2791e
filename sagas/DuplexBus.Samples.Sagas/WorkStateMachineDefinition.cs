using DuplexBus.Samples.Contracts;
using MassTransit;

namespace DuplexBus.Samples.Sagas;

/// <summary>
/// Messages of one instance are applied one at a time and in delivery order (a partition per instanceId), while
/// different instances proceed in parallel.
/// </summary>
public sealed class WorkStateMachineDefinition : SagaDefinition<WorkState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<WorkState> sagaConfigurator, IRegistrationContext context)
    {
        var partition = endpointConfigurator.CreatePartitioner(Environment.ProcessorCount * 2);
        sagaConfigurator.Message<AddItem>(m => m.UsePartitioner(partition, c => c.Message.InstanceId));
        sagaConfigurator.Message<StartWork>(m => m.UsePartitioner(partition, c => c.Message.InstanceId));
    }
}
