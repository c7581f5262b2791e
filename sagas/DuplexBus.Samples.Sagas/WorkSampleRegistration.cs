using DuplexBus.Sagas;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Samples.Sagas;

public static class WorkSampleRegistration
{
    /// <summary>
    /// The sample's back end, added to the application's bus: the WorkService saga (on the DuplexBus repository), the
    /// work consumer, and the work options from <paramref name="work"/> (<c>Samples:Work</c>).
    /// </summary>
    public static IBusRegistrationConfigurator AddWorkSample(this IBusRegistrationConfigurator bus, IConfiguration? work = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var options = bus.AddOptions<WorkOptions>();
        if (work is not null)
            options.Bind(work);
        options.ValidateDataAnnotations().ValidateOnStart();
        bus.AddSagaStateMachine<WorkStateMachine, WorkState>(typeof(WorkStateMachineDefinition)).UseDuplexBusRepository();
        bus.AddConsumer<WorkConsumer>();
        return bus;
    }
}
