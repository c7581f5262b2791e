using System.Runtime.Serialization;
using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// A request-reply operation answered on the HTTP response. The result is written in WCF's wrapped form
/// (<c>&lt;OpResponse&gt;&lt;OpResult&gt;…</c>) by the DataContractSerializer, so WCF clients read it unchanged.
/// </summary>
public sealed class RequestReplyOperation : SoapOperation
{
    private readonly Func<OperationBody, IServiceProvider, CancellationToken, Task<object?>> _handle;
    private readonly DataContractSerializer _resultSerializer;
    private readonly XNamespace _ns;

    public RequestReplyOperation(
        string name,
        string action,
        XNamespace ns,
        Type resultType,
        Func<OperationBody, IServiceProvider, CancellationToken, Task<object?>> handle)
        : base(name, action)
    {
        _handle = handle;
        _ns = ns;
        ReplyAction = action + "Response";
        _resultSerializer = new DataContractSerializer(resultType, name + "Result", ns.NamespaceName);
    }

    public string ReplyAction { get; }

    public Task<object?> HandleAsync(OperationBody body, IServiceProvider services, CancellationToken cancellationToken) =>
        _handle(body, services, cancellationToken);

    public void WriteReply(XmlWriter writer, object? result)
    {
        writer.WriteStartElement(Name + "Response", _ns.NamespaceName);
        _resultSerializer.WriteObject(writer, result);
        writer.WriteEndElement();
    }
}
