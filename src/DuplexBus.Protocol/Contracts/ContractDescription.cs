using System.Collections.Frozen;
using System.Collections.Immutable;

namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// A WCF service contract as it appears on the wire: its qualified name and its operations, found by action. Read
/// once from the contract's attributes by <see cref="ContractReader"/>, with WCF's defaults where they are silent.
/// </summary>
internal sealed class ContractDescription
{
    private readonly FrozenDictionary<string, OperationDescription> _byAction;

    public ContractDescription(Type contractType, string name, string ns, ImmutableArray<OperationDescription> operations, Type? callbackContract)
    {
        ContractType = contractType;
        Name = name;
        Namespace = ns;
        Operations = operations;
        CallbackContract = callbackContract;
        _byAction = operations.ToFrozenDictionary(o => o.Action, StringComparer.Ordinal);
    }

    /// <summary>The interface carrying <c>[ServiceContract]</c>.</summary>
    public Type ContractType { get; }

    /// <summary>The contract's name on the wire (<c>[ServiceContract(Name)]</c>, else the interface's name).</summary>
    public string Name { get; }

    /// <summary>The contract's namespace (<c>[ServiceContract(Namespace)]</c>, else WCF's <c>http://tempuri.org/</c>).</summary>
    public string Namespace { get; }

    public ImmutableArray<OperationDescription> Operations { get; }

    /// <summary>The contract the client is called back on, when the service contract names one.</summary>
    public Type? CallbackContract { get; }

    public OperationDescription? Find(string? action) =>
        action is not null && _byAction.TryGetValue(action, out var operation) ? operation : null;

    /// <summary>The operation written as <paramref name="method"/> on the contract (or on an interface it extends).</summary>
    public OperationDescription? Find(System.Reflection.MethodInfo method) =>
        Operations.FirstOrDefault(o => o.Method == method);
}
