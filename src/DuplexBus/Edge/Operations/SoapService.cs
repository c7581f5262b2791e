using System.Collections.Frozen;
using System.Xml.Linq;

namespace DuplexBus.Edge.Operations;

/// <summary>A SOAP service contract as the edge sees it: a namespace and the operations, found by action.</summary>
public sealed class SoapService
{
    private readonly FrozenDictionary<string, SoapOperation> _byAction;

    internal SoapService(string name, XNamespace ns, IEnumerable<SoapOperation> operations)
    {
        Name = name;
        Namespace = ns;
        _byAction = operations.ToFrozenDictionary(o => o.Action, StringComparer.Ordinal);
    }

    public string Name { get; }

    public XNamespace Namespace { get; }

    public IEnumerable<SoapOperation> Operations => _byAction.Values;

    public SoapOperation? Find(string? action) =>
        action is not null && _byAction.TryGetValue(action, out var operation) ? operation : null;

    public OperationBody BodyOf(SoapOperation operation, XElement? body) => new(body, Namespace, operation.Name);

    /// <summary>Describes a service the way a WCF <c>[ServiceContract(Namespace, Name)]</c> declares it.</summary>
    public static SoapServiceBuilder Contract(string ns, string name) => new(ns, name);
}
