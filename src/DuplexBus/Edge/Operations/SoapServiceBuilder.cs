using System.Xml.Linq;

namespace DuplexBus.Edge.Operations;

/// <summary>Builds a <see cref="SoapService"/>; actions follow WCF's defaults: <c>{namespace}/{contract}/{operation}</c>.</summary>
public sealed class SoapServiceBuilder
{
    private readonly List<SoapOperation> _operations = [];
    private readonly XNamespace _ns;
    private readonly string _name;

    internal SoapServiceBuilder(string ns, string name)
    {
        _ns = ns;
        _name = name;
    }

    /// <summary>A one-way operation translated into one bus message of type <typeparamref name="TMessage"/>.</summary>
    public SoapServiceBuilder OneWay<TMessage>(string operation, Func<OperationBody, TMessage> translate)
        where TMessage : class
    {
        _operations.Add(new OneWayOperation(operation, ActionOf(operation), typeof(TMessage), body => translate(body)));
        return this;
    }

    /// <summary>A request-reply operation answered by <paramref name="handle"/> with a data contract result.</summary>
    public SoapServiceBuilder RequestReply<TResult>(
        string operation,
        Func<OperationBody, IServiceProvider, CancellationToken, Task<TResult>> handle)
    {
        _operations.Add(new RequestReplyOperation(
            operation,
            ActionOf(operation),
            _ns,
            typeof(TResult),
            async (body, services, ct) => await handle(body, services, ct).ConfigureAwait(false)));
        return this;
    }

    public SoapService Build() => new(_name, _ns, _operations);

    private string ActionOf(string operation)
    {
        var ns = _ns.NamespaceName;
        return (ns.EndsWith('/') ? ns : ns + "/") + _name + "/" + operation;
    }
}
