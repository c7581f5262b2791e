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
