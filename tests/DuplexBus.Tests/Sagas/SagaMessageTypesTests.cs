using DuplexBus.Sagas.Partitions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Tests.Sagas;

/// <summary>A partitioned saga routes by CorrelationId, so every message it consumes must have one.</summary>
public sealed class SagaMessageTypesTests
{
    [Fact]
    public async Task A_partitioned_saga_knows_the_message_types_it_consumes_when_each_names_its_instance()
    {
        GlobalTopology.Send.UseCorrelationId<Opened>(m => m.Instance);
        await using var provider = Provider<CorrelatedMachine, CorrelatedState>();
        var bus = provider.GetRequiredService<IBus>();

        var types = SagaMessageTypes.Of<CorrelatedState>(provider, bus);

        Assert.Equal([typeof(Opened), typeof(Closed)], types.OrderBy(t => t.Name == nameof(Closed)));
        // The transport's name for the type's publish exchange (RabbitMQ: "DuplexBus.Tests.Sagas:Opened").
        Assert.EndsWith("DuplexBus.Tests.Sagas:Opened", SagaMessageTypes.EntityName(bus, typeof(Opened)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_type_without_a_correlation_id_stops_the_start_with_its_name()
    {
        await using var provider = Provider<UncorrelatedMachine, UncorrelatedState>();

        var refused = Assert.Throws<InvalidOperationException>(() => SagaMessageTypes.Of<UncorrelatedState>(provider, provider.GetRequiredService<IBus>()));

        Assert.Contains(nameof(Nudged), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Closed), refused.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider<TMachine, TState>()
        where TMachine : class, SagaStateMachine<TState>
        where TState : class, SagaStateMachineInstance
    {
        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            x.AddSagaStateMachine<TMachine, TState>().InMemoryRepository();
            x.UsingInMemory();
        });
        return services.BuildServiceProvider();
    }
}

public sealed record Opened(Guid Instance);

public sealed record Closed(Guid CorrelationId);

public sealed record Nudged(Guid Instance);

public sealed class CorrelatedState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";
}

public sealed class UncorrelatedState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";
}

public sealed class CorrelatedMachine : MassTransitStateMachine<CorrelatedState>
{
    public CorrelatedMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => WasOpened, e => e.CorrelateById(m => m.Message.Instance));
        Event(() => WasClosed, e => e.CorrelateById(m => m.Message.CorrelationId));
        Initially(When(WasOpened).TransitionTo(Open));
        During(Open, When(WasClosed).Finalize());
    }

    public State Open { get; private set; } = null!;

    public Event<Opened> WasOpened { get; private set; } = null!;

    public Event<Closed> WasClosed { get; private set; } = null!;
}

public sealed class UncorrelatedMachine : MassTransitStateMachine<UncorrelatedState>
{
    public UncorrelatedMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => WasNudged, e => e.CorrelateById(m => m.Message.Instance));
        Event(() => WasClosed, e => e.CorrelateById(m => m.Message.CorrelationId));
        Initially(When(WasNudged).TransitionTo(Nudging));
        During(Nudging, When(WasClosed).Finalize());
    }

    public State Nudging { get; private set; } = null!;

    public Event<Nudged> WasNudged { get; private set; } = null!;

    public Event<Closed> WasClosed { get; private set; } = null!;
}
