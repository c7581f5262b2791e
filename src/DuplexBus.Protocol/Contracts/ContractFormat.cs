namespace DuplexBus.Protocol.Contracts;

/// <summary>Which serializer writes an operation's parameters: WCF's default, or <c>[XmlSerializerFormat]</c>.</summary>
internal enum ContractFormat
{
    DataContract,
    XmlSerializer,
}
