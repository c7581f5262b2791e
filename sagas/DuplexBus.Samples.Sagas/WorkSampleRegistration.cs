using DuplexBus.Configuration;
using DuplexBus.Sagas;
using DuplexBus.Samples.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Samples.Sagas;

public static class WorkSampleRegistration
{
    /// <summary>
    /// The sample's back end: the WorkService saga (on the DuplexBus repository), the work consumer, the messages
    /// they write to the outbox, and the work options from <paramref name="work"/> (<c>Samples:Work</c>).
    /// </summary>
    public static DuplexBusConfigurator AddWorkSample(this DuplexBusConfigurator bus, IConfiguration? work = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var options = bus.Services.AddOptions<WorkOptions>();
        if (work is not null)
            options.Bind(work);
        options.ValidateDataAnnotations().ValidateOnStart();
        return bus
            .OutboxMessage<DoWork>()
            .OutboxMessage<WorkDone>()
            .ConfigureBus(x =>
            {
                x.AddSagaStateMachine<WorkStateMachine, WorkState>(typeof(WorkStateMachineDefinition)).UseDuplexBusRepository();
                x.AddConsumer<WorkConsumer>();
            });
    }
}
