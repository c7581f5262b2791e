using System.Collections.Frozen;
using DuplexBus.Callbacks;
using DuplexBus.Protocol.Soap;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>A served contract as the edge sees it: its operations, found by action, each bound to the bus or a handler.</summary>
public sealed class SoapService
{
    private readonly FrozenDictionary<string, SoapOperation> _byAction;
    private readonly string _instanceParameter;

    internal SoapService(ContractDescription contract, IEnumerable<SoapOperation> operations, string instanceParameter)
    {
        Contract = contract;
        _instanceParameter = instanceParameter;
        _byAction = operations.ToFrozenDictionary(o => o.Action, StringComparer.Ordinal);
    }

    /// <summary>The contract's name on the wire.</summary>
    public string Name => Contract.Name;

    public IEnumerable<SoapOperation> Operations => _byAction.Values;

    internal ContractDescription Contract { get; }

    public SoapOperation? Find(string? action) =>
        action is not null && _byAction.TryGetValue(action, out var operation) ? operation : null;

    /// <summary>Reads <paramref name="envelope"/> as a call of <paramref name="operation"/>, or names the fault it deserves.</summary>
    /// <param name="cookieHeader">The HTTP Cookie header (basicHttpContextBinding), or null.</param>
    internal CallRead Read(SoapOperation operation, SoapEnvelope envelope, string? cookieHeader, CallbackAddressPolicy callbacks)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(envelope);
        return OperationCallReader.Read(operation, envelope, cookieHeader, callbacks, _instanceParameter);
    }

    /// <summary>Serves <paramref name="contract"/> (a <c>[ServiceContract]</c> interface) as <paramref name="configure"/> maps it.</summary>
    internal static SoapService For(Type contract, Action<ContractEndpointBuilder>? configure = null)
    {
        var builder = new ContractEndpointBuilder();
        configure?.Invoke(builder);
        return builder.Build(ContractReader.Read(contract));
    }

    /// <inheritdoc cref="For(Type, Action{ContractEndpointBuilder}?)"/>
    internal static SoapService For<TContract>(Action<ContractEndpointBuilder>? configure = null)
        where TContract : class => For(typeof(TContract), configure);
}
