using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// A request-reply operation, answered by a handler resolved from the request's services. The result is written in
/// WCF's wrapped form by the contract's serializer; a <see cref="FaultException{TDetail}"/> whose detail the operation
/// declares becomes that fault, with its detail, as a WCF service would send it.
/// </summary>
public sealed class RequestReplyOperation : SoapOperation
{
    private readonly RequestHandler _handler;

    internal RequestReplyOperation(OperationDescription description, RequestHandler handler)
        : base(description) => _handler = handler;

    public string ReplyAction => Description.ReplyAction!;

    /// <summary>Runs the handler: the reply body, or the declared fault it raised. Anything else it throws is the caller's to answer.</summary>
    internal async Task<OperationReply> HandleAsync(OperationCall call, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _handler.InvokeAsync(call, services, cancellationToken).ConfigureAwait(false);
            return new OperationReply(ReplyAction, WrappedBody.Reply(Description, result), null);
        }
        catch (FaultException raised)
        {
            return new OperationReply(null, null, DeclaredFaults.From(Description, raised));
        }
    }
}
