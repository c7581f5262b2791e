using System.Collections.Concurrent;

namespace DuplexBus.Protocol.Contracts;

/// <summary>Each contract read once per process: reading builds its serializers, which are the expensive part.</summary>
internal static class ContractCache
{
    private static readonly ConcurrentDictionary<Type, ContractDescription> Contracts = new();

    public static ContractDescription Of(Type contract) => Contracts.GetOrAdd(contract, ContractReader.Read);
}
