using System.Collections.Concurrent;
using MassTransit;

namespace DuplexBus.Outbox;

/// <summary>
/// The explicit table between stored message-type names and contract types. Only registered contracts can be
/// relayed: a stored string never chooses which type gets deserialized.
/// </summary>
public sealed class MessageTypeMap
{
    private readonly ConcurrentDictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _byType = new();

    public MessageTypeMap()
        : this([])
    {
    }

    /// <summary>Starts with the framework's own events and the types the application declared with <c>OutboxMessage&lt;T&gt;()</c>.</summary>
    public MessageTypeMap(IEnumerable<OutboxMessageType> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        Register(typeof(Callbacks.CallbackDelivered));
        Register(typeof(Callbacks.CallbackDeadLettered));
        foreach (var type in declared)
            Register(type.Type);
    }

    public void Register(Type messageType)
    {
        var name = MessageUrn.ForTypeString(messageType);
        _byName[name] = messageType;
        _byType[messageType] = name;
    }

    public string NameOf(Type messageType) =>
        _byType.TryGetValue(messageType, out var name)
            ? name
            : throw new InvalidOperationException($"Message type {messageType} is not registered with DuplexBus; register it before writing it to the outbox.");

    public Type? TypeOf(string name) => _byName.GetValueOrDefault(name);
}
