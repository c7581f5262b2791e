using System.Reflection;
using MassTransit;
using DuplexBus.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Sagas.Partitions;

/// <summary>The message types a state machine consumes, and what the partitions need to know of each.</summary>
internal static class SagaMessageTypes
{
    public static IReadOnlyList<Type> Of<TSaga>(IServiceProvider services, IBus bus)
        where TSaga : class, SagaStateMachineInstance
    {
        var machine = services.GetRequiredService<SagaStateMachine<TSaga>>();
        var types = machine.Events
            .Select(e => e.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Event<>)))
            .OfType<Type>()
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        var correlation = new CorrelationIdReader(bus);
        var uncorrelated = types.Where(t => !correlation.IsCorrelated(t)).Select(t => t.Name).ToList();
        if (uncorrelated.Count > 0)
        {
            throw new InvalidOperationException(
                $"{typeof(TSaga).Name} is partitioned, so every message it consumes needs a CorrelationId to route by, but {string.Join(", ", uncorrelated)} "
                + "has none: add a CorrelationId property, implement CorrelatedBy<Guid>, or declare it with GlobalTopology.Send.UseCorrelationId<T>(m => m.…).");
        }
        return types;
    }

    /// <summary>The exchange the bus publishes <paramref name="type"/> to.</summary>
    public static string EntityName(IBus bus, Type type) =>
        (string)EntityNameMethod.MakeGenericMethod(type).Invoke(null, [bus])!;

    private static readonly MethodInfo EntityNameMethod =
        typeof(SagaMessageTypes).GetMethod(nameof(EntityNameOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static string EntityNameOf<T>(IBus bus)
        where T : class => bus.Topology.Message<T>().EntityName;
}
