using System.Collections.Concurrent;
using DuplexBus.Edge.Operations;

namespace DuplexBus.Edge;

/// <summary>The services mapped with <c>MapDuplexBusEndpoint</c>, by path: what a replay of a parked envelope translates with.</summary>
internal sealed class SoapEndpointRegistry
{
    private readonly ConcurrentDictionary<string, SoapService> _byPath = new(StringComparer.Ordinal);

    public void Add(string path, SoapService service) => _byPath[path] = service;

    public SoapService? Find(string path) => _byPath.GetValueOrDefault(path);
}
