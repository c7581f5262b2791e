using System.Diagnostics;
using DuplexBus.Edge.Ingress;
using DuplexBus.Edge.Operations;
using DuplexBus.Edge.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Edge.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Edge;

/// <summary>Plain SOAP: one-way messages to the outbox, request-reply operations answered on the response.</summary>
internal sealed partial class SoapEndpoint
{
    private async Task<string> AcceptOneWayAsync(HttpContext http, OneWayOperation operation, OperationBody body, SoapEnvelope envelope)
    {
        if (!operation.TryTranslate(body, out var message, out var mismatch))
            return await FaultAsync(http, mismatch, envelope).ConfigureAwait(false);

        var ingress = http.RequestServices.GetRequiredService<EdgeIngress>();
        var outcome = await ingress.AcceptAsync(path, operation.MessageType, message, envelope.MessageId, http.RequestAborted).ConfigureAwait(false);
        logger.Accepted(operation.Name, outcome);
        (outcome == IngressOutcome.Accepted ? metrics.EdgeAccepted : metrics.EdgeDuplicates)
            .Add(1, new KeyValuePair<string, object?>("duplexbus.operation", operation.Name));
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        return outcome == IngressOutcome.Accepted ? "accepted" : "duplicate";
    }

    private async Task<string> ReplyAsync(HttpContext http, RequestReplyOperation operation, OperationBody body, SoapEnvelope envelope)
    {
        var result = await operation.HandleAsync(body, http.RequestServices, http.RequestAborted).ConfigureAwait(false);
        if (body.Problem is { } problem)
            return await FaultAsync(http, SoapFaults.DeserializationFailed(operation.Name, problem), envelope).ConfigureAwait(false);

        var bytes = SoapMessageWriter.WriteMessage(
            envelope.Version,
            envelope.Addressing,
            operation.ReplyAction,
            envelope.MessageId,
            [],
            writer => operation.WriteReply(writer, result));
        await WriteAsync(http, StatusCodes.Status200OK, envelope.Version, bytes).ConfigureAwait(false);
        return "reply";
    }
}
