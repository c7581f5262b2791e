namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// A parameter or a result: the element it is written as, its CLR type, and the serializer that reads and writes it.
/// </summary>
/// <param name="ClrName">The parameter's name in the contract (for a result, the element name).</param>
/// <param name="Required">
/// A non-nullable value type: it may not be <c>xsi:nil</c>. Every part must be present in a request either way (null
/// as nil), as WCF clients write them.
/// </param>
internal sealed record MessagePart(string Name, string Namespace, string ClrName, Type Type, int Position, bool Required, PartSerializer Serializer);
