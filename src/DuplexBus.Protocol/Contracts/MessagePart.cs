namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// A parameter or a result: the element it is written as, its CLR type, and the serializer that reads and writes it.
/// </summary>
/// <param name="ClrName">The parameter's name in the contract (for a result, the element name).</param>
/// <param name="Required">
/// A non-nullable value type: its absence cannot be told from a default, so a body without it is refused rather than
/// read as zero. Everything else may be left out and reads as null, as WCF's formatter does.
/// </param>
internal sealed record MessagePart(string Name, string Namespace, string ClrName, Type Type, int Position, bool Required, PartSerializer Serializer);
