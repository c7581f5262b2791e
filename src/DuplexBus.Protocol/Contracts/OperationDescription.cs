using System.Collections.Immutable;
using System.Reflection;

namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// One operation of a contract in WCF's wrapped document/literal form: a request element named after the operation
/// with one child per parameter, and (unless one-way) a <c>{Name}Response</c> element holding <c>{Name}Result</c>.
/// <see cref="KnownTypes"/> are the contract's and the operation's <c>[ServiceKnownType]</c>s: a part may carry any of them.
/// </summary>
internal sealed record OperationDescription(
    string Name,
    MethodInfo Method,
    string Action,
    string? ReplyAction,
    bool IsOneWay,
    string Namespace,
    ImmutableArray<MessagePart> Parameters,
    MessagePart? Result,
    ImmutableArray<FaultDescription> Faults,
    ContractFormat Format,
    ImmutableArray<Type> KnownTypes)
{
    /// <summary>The request body's element name (the wrapper).</summary>
    public string RequestElement => Name;

    /// <summary>The reply body's element name.</summary>
    public string ResponseElement => Name + "Response";

    /// <summary>The parameter written as <paramref name="clrName"/> in the contract, or null.</summary>
    public MessagePart? Parameter(string clrName) =>
        Parameters.FirstOrDefault(p => string.Equals(p.ClrName, clrName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The declared fault whose detail is <paramref name="detailType"/> (or a base of it), or null.</summary>
    public FaultDescription? FaultFor(Type detailType) =>
        Faults.FirstOrDefault(f => f.DetailType == detailType) ?? Faults.FirstOrDefault(f => f.DetailType.IsAssignableFrom(detailType));
}
