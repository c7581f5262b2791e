using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using MassTransit.Configuration;

namespace DuplexBus.Outbox;

/// <summary>
/// The MassTransit CorrelationId a message will be sent with, read the way the send pipeline reads it: a convention
/// declared globally (<c>GlobalTopology.Send.UseCorrelationId</c>, a CorrelationId property, <c>CorrelatedBy&lt;Guid&gt;</c>)
/// or on this bus's own send topology.
/// </summary>
internal sealed class CorrelationIdReader(IBus bus)
{
    private readonly ConcurrentDictionary<Type, Func<object, Guid?>?> _readers = new();

    /// <summary>Whether messages of <paramref name="type"/> carry a CorrelationId.</summary>
    public bool IsCorrelated(Type type) => ReaderOf(type) is not null;

    /// <summary>The message's CorrelationId, or null when its type has none or the value is empty.</summary>
    public Guid? Of(object message, Type type) => ReaderOf(type)?.Invoke(message);

    private Func<object, Guid?>? ReaderOf(Type type) =>
        _readers.GetOrAdd(type, static (t, b) => (Func<object, Guid?>?)ReaderMethod.MakeGenericMethod(t).Invoke(null, [b]), bus);

    private static readonly MethodInfo ReaderMethod =
        typeof(CorrelationIdReader).GetMethod(nameof(ReaderOfType), BindingFlags.NonPublic | BindingFlags.Static)!;

    // The bus's message topology holds only what was declared on the bus itself, so the global one is asked first.
    private static Func<object, Guid?>? ReaderOfType<T>(IBus bus)
        where T : class
    {
        var correlation = CorrelationOf(GlobalTopology.Send.GetMessageTopology<T>())
            ?? (bus.Topology.Send<T>() is IMessageSendTopologyConfigurator<T> own ? CorrelationOf(own) : null);
        if (correlation is null)
            return null;
        return message => correlation.TryGetCorrelationId((T)message, out var id) && id != Guid.Empty ? id : null;
    }

    private static IMessageCorrelationId<T>? CorrelationOf<T>(IMessageSendTopologyConfigurator<T> topology)
        where T : class =>
        topology.TryGetConvention<ICorrelationIdMessageSendTopologyConvention<T>>(out var convention)
        && convention.TryGetMessageCorrelationId(out var correlation)
            ? correlation
            : null;
}
