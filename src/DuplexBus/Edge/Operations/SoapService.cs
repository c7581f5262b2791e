using System.Diagnostics;
using System.Collections.Frozen;
using System.Xml.Linq;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Context;
using DuplexBus.Edge.Soap;
using DuplexBus.Edge.Tracing;

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

    /// <summary>
    /// The body of <paramref name="envelope"/> with the context it brought and the allow-list for its callback
    /// address. A malformed context becomes the body's <see cref="OperationBody.Fault"/>.
    /// </summary>
    /// <param name="cookieHeader">The HTTP Cookie header (basicHttpContextBinding), or null.</param>
    public OperationBody BodyOf(SoapOperation operation, SoapEnvelope envelope, string? cookieHeader, CallbackAddressPolicy callbacks)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(envelope);
        var context = IncomingContext.Read(envelope, cookieHeader, out var fault);
        var trace = InboundTrace.Read(envelope, ActivitySpanId.CreateRandom());
        return new(envelope.Body, Namespace, operation.Name, envelope, context, callbacks) { Fault = fault, Trace = trace };
    }

    /// <summary>Describes a service the way a WCF <c>[ServiceContract(Namespace, Name)]</c> declares it.</summary>
    public static SoapServiceBuilder Contract(string ns, string name) => new(ns, name);
}
