using DuplexBus.Sagas;
using DuplexBus.Sagas.Partitions;
using DuplexBus.Samples.Contracts;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Samples.Sagas;

public static class WorkSampleRegistration
{
    /// <summary>
    /// The sample's back end, added to the application's bus: the WorkService saga (on the DuplexBus repository, its
    /// messages spread over <see cref="WorkOptions.SagaPartitions"/> partitions by instance), the work consumer, and the
    /// work options from <paramref name="work"/> (<c>Samples:Work</c>).
    /// </summary>
    public static IBusRegistrationConfigurator AddWorkSample(this IBusRegistrationConfigurator bus, IConfiguration? work = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var options = bus.AddOptions<WorkOptions>();
        if (work is not null)
            options.Bind(work);
        options.ValidateDataAnnotations().ValidateOnStart();

        // Every message of one instance carries the instance as its CorrelationId: the partition it is applied on.
        GlobalTopology.Send.UseCorrelationId<AddItem>(m => m.InstanceId);
        GlobalTopology.Send.UseCorrelationId<StartWork>(m => m.InstanceId);
        GlobalTopology.Send.UseCorrelationId<WorkDone>(m => m.InstanceId);
        GlobalTopology.Send.UseCorrelationId<DoWork>(m => m.InstanceId);
        var partitions = work?.GetValue<int?>(nameof(WorkOptions.SagaPartitions)) ?? new WorkOptions().SagaPartitions;
        bus.AddSagaStateMachine<WorkStateMachine, WorkState>().UseDuplexBusRepository().UseDuplexBusPartitions(partitions);
        bus.AddConsumer<WorkConsumer>();
        return bus;
    }
}
