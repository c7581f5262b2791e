using System.Diagnostics;
using DuplexBus.Protocol.Context;
using DuplexBus.Edge.Ingress;
using DuplexBus.Edge.Operations;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Protocol.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Edge;

/// <summary>Plain SOAP: one-way messages to the outbox, request-reply operations answered on the response.</summary>
internal sealed partial class SoapEndpoint
{
    private async Task<string> AcceptOneWayAsync(HttpContext http, OneWayOperation operation, SoapEnvelope envelope, string cookie)
    {
        var translation = await operation.TranslateAsync(service, envelope, cookie, callbackGuard, http.RequestAborted).ConfigureAwait(false);
        if (translation.Fault is { } refused)
            return await FaultAsync(http, refused, envelope).ConfigureAwait(false);

        var ingress = http.RequestServices.GetRequiredService<EdgeIngress>();
        var outcome = await ingress.AcceptAsync(path, operation.MessageType, translation.Message!, envelope.MessageId, http.RequestAborted).ConfigureAwait(false);
        GiveContext(http, translation.Call!);
        logger.Accepted(operation.Name, outcome);
        (outcome == IngressOutcome.Accepted ? metrics.EdgeAccepted : metrics.EdgeDuplicates)
            .Add(1, new KeyValuePair<string, object?>("duplexbus.operation", operation.Name));
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        return outcome == IngressOutcome.Accepted ? "accepted" : "duplicate";
    }

    private async Task<string> ReplyAsync(HttpContext http, RequestReplyOperation operation, SoapEnvelope envelope, string cookie)
    {
        var read = service.Read(operation, envelope, cookie, callbackGuard.Policy);
        if (read.Call is not { } call)
            return await FaultAsync(http, read.Fault!, envelope).ConfigureAwait(false);
        // WS-Addressing 1.0 §3.4: a message that expects a reply carries a MessageID for the reply to relate to.
        if (envelope.Addressing.IsAddressed && envelope.MessageId is null)
            return await FaultAsync(http, SoapFaults.HeaderRequired(envelope.Addressing, envelope.Addressing.MessageId), envelope).ConfigureAwait(false);
        var reply = await operation.HandleAsync(call, http.RequestServices, http.RequestAborted).ConfigureAwait(false);
        if (reply.Fault is { } declared)
            return await FaultAsync(http, declared, envelope).ConfigureAwait(false);

        var bytes = SoapMessageWriter.WriteMessage(
            envelope.Version,
            envelope.Addressing,
            reply.Action!,
            envelope.MessageId,
            GiveContext(http, call),
            reply.Body!.WriteTo);
        await WriteAsync(http, StatusCodes.Status200OK, envelope.Version, bytes).ConfigureAwait(false);
        return "reply";
    }

    /// <summary>
    /// Context exchange: a client that came without a context and addressed an instance is given that instance's
    /// context on the response — as the WscContext cookie (basicHttpContextBinding) and, on a SOAP reply, as a
    /// Context header (wsHttpContextBinding). A client that already holds one is never given another.
    /// </summary>
    /// <returns>The headers to put on a SOAP reply.</returns>
    private static System.Collections.Immutable.ImmutableArray<System.Xml.Linq.XElement> GiveContext(HttpContext http, OperationCall call)
    {
        if (call.Context.Present || call.InstanceId is not { } instance)
            return [];
        var context = new Dictionary<string, string> { [ContextNames.InstanceId] = instance.ToString("D") };
        http.Response.Headers.Append("Set-Cookie", ContextCookie.SetCookie(context, http.Request.PathBase + http.Request.Path));
        return [ContextHeader.Write(context)];
    }
}
