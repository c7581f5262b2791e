using System.Reflection;
using DuplexBus.Protocol.Context;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// How the operations of a contract reach the bus, for <c>MapDuplexBusEndpoint&lt;TContract&gt;</c>. By convention
/// each one-way operation becomes the message type named after it (found next to the type given to
/// <see cref="MessagesFrom{TMessage}"/>), and request-reply operations are answered by the type given to
/// <see cref="HandleRequestsWith{THandler}"/>. Everything is checked when the endpoint is mapped.
/// </summary>
public sealed class ContractEndpointBuilder
{
    private readonly List<(Assembly Assembly, string? Namespace)> _messageHomes = [];
    private readonly Dictionary<string, (Type Type, Func<OperationCall, object> Translate, bool TakesCallback)> _maps = new(StringComparer.Ordinal);
    private Type? _handler;
    private string _instanceParameter = ContextNames.InstanceId;

    /// <summary>One-way operations become the types named after them in <typeparamref name="TMessage"/>'s namespace and assembly.</summary>
    public ContractEndpointBuilder MessagesFrom<TMessage>()
        where TMessage : class
    {
        _messageHomes.Add((typeof(TMessage).Assembly, typeof(TMessage).Namespace));
        return this;
    }

    /// <summary>Makes <paramref name="operation"/>'s message by hand, for a message whose shape the convention does not fit.</summary>
    /// <param name="takesCallback">The call reads the client's callback address (<see cref="OperationCall.Callback"/>).</param>
    public ContractEndpointBuilder Map<TMessage>(string operation, Func<OperationCall, TMessage> translate, bool takesCallback = false)
        where TMessage : class
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(translate);
        _maps[operation] = (typeof(TMessage), call => translate(call), takesCallback);
        return this;
    }

    /// <summary>Request-reply operations are answered by <typeparamref name="THandler"/>, resolved from the request's services.</summary>
    public ContractEndpointBuilder HandleRequestsWith<THandler>()
        where THandler : class
    {
        _handler = typeof(THandler);
        return this;
    }

    /// <summary>
    /// The parameter that names the instance a call is for (default <c>instanceId</c>): a context's instanceId
    /// overrides it, and a client that sent no context is given one for it.
    /// </summary>
    public ContractEndpointBuilder InstanceParameter(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _instanceParameter = name;
        return this;
    }

    internal SoapService Build(ContractDescription contract)
    {
        var unknown = _maps.Keys.FirstOrDefault(name => contract.Operations.All(o => o.Name != name));
        if (unknown is not null)
            throw new InvalidOperationException($"{contract.ContractType.Name} has no operation '{unknown}' to map.");
        var operations = contract.Operations.Select(SoapOperation (o) => o.IsOneWay ? OneWay(contract, o) : RequestReply(contract, o));
        return new SoapService(contract, operations, _instanceParameter);
    }

    private OneWayOperation OneWay(ContractDescription contract, OperationDescription operation)
    {
        if (_maps.TryGetValue(operation.Name, out var map))
            return new OneWayOperation(operation, map.Type, map.Translate, map.TakesCallback);
        var candidates = _messageHomes
            .Select(home => home.Assembly.GetType(string.IsNullOrEmpty(home.Namespace) ? operation.Name : home.Namespace + "." + operation.Name))
            .OfType<Type>()
            .Distinct()
            .ToList();
        if (candidates.Count != 1)
        {
            throw new InvalidOperationException(candidates.Count == 0
                ? $"No message type for one-way operation {contract.Name}.{operation.Name}: add a record named {operation.Name} where MessagesFrom<…>() points, or Map it."
                : $"One-way operation {contract.Name}.{operation.Name} matches {string.Join(" and ", candidates.Select(c => c.FullName))}; Map it explicitly.");
        }
        var translate = MessageConvention.Create(operation, candidates[0], out var takesCallback);
        return new OneWayOperation(operation, candidates[0], translate, takesCallback);
    }

    private RequestReplyOperation RequestReply(ContractDescription contract, OperationDescription operation)
    {
        if (_handler is null)
            throw new InvalidOperationException($"{contract.Name}.{operation.Name} expects a reply: name the type that answers it with HandleRequestsWith<…>().");
        return new RequestReplyOperation(operation, RequestHandler.Bind(operation, _handler));
    }
}
