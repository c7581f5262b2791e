namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// A <c>[FaultContract]</c>: the fault's action and the element its detail is written as. WCF's defaults: the action is
/// the operation's action followed by the detail type's name and <c>Fault</c>; the element is the detail type's data
/// contract name and namespace.
/// </summary>
internal sealed record FaultDescription(Type DetailType, string Action, string Name, string Namespace, PartSerializer Serializer);
