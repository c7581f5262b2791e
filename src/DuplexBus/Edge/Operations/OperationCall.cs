using DuplexBus.Callbacks;
using DuplexBus.Protocol.Context;
using DuplexBus.Protocol.Tracing;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// A call of a contract operation, read: its arguments deserialized as the contract declares them, the context it
/// brought, the instance it addresses and, where the operation takes one, the callback address the client gave.
/// </summary>
public sealed class OperationCall
{
    private readonly OperationDescription _operation;
    private readonly object?[] _arguments;

    internal OperationCall(OperationDescription operation, object?[] arguments, IncomingContext context, InboundTrace? trace, Guid? instanceId, CallbackEndpoint? callback)
    {
        _operation = operation;
        _arguments = arguments;
        Context = context;
        Trace = trace;
        InstanceId = instanceId;
        Callback = callback;
    }

    /// <summary>The operation's name on the wire.</summary>
    public string Operation => _operation.Name;

    /// <summary>The context the request brought (context exchange properties, CallbackContext).</summary>
    public IncomingContext Context { get; }

    /// <summary>The trace the request belongs to, carried on to its callback; null when it brought none.</summary>
    public InboundTrace? Trace { get; }

    /// <summary>
    /// The instance the call addresses: the context's <c>instanceId</c> when the client sent a context (that is what
    /// routes it, as WCF's context exchange did), otherwise the endpoint's instance parameter; null when neither.
    /// </summary>
    public Guid? InstanceId { get; }

    /// <summary>Where to call the client back about <see cref="InstanceId"/>, checked against the allow-list; null when it gave no address.</summary>
    public CallbackEndpoint? Callback { get; }

    internal IReadOnlyList<object?> Arguments => _arguments;

    /// <summary>The argument of the parameter the contract names <paramref name="parameter"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The operation has no such parameter, or it is not a <typeparamref name="T"/>.</exception>
    public T Argument<T>(string parameter)
    {
        var part = _operation.Parameter(parameter)
            ?? throw new ArgumentException($"Operation {_operation.Name} has no parameter '{parameter}'.", nameof(parameter));
        return _arguments[part.Position] switch
        {
            T value => value,
            null when default(T) is null => default!,
            var other => throw new ArgumentException($"Parameter '{parameter}' of {_operation.Name} is a {part.Type.Name}, not a {typeof(T).Name}.", nameof(parameter)),
        };
    }
}
