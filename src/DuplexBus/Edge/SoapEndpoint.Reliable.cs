using System.Diagnostics;
using DuplexBus.Edge.Ingress;
using DuplexBus.Edge.Operations;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Protocol.Soap;
using DuplexBus.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Edge;

/// <summary>Messages with WS-RM content go to the reliable-session handler.</summary>
internal sealed partial class SoapEndpoint
{
    private async Task<string> ReliableAsync(
        HttpContext http, SoapEnvelope envelope, Func<ReliableSessionHandler, RmCaller, CancellationToken, Task<EdgeAnswer>> handle)
    {
        var handler = http.RequestServices.GetRequiredService<ReliableSessionHandler>();
        EdgeAnswer answer;
        try
        {
            answer = await handle(handler, CallerOf(http), http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && TransientFailure.Is(e))
        {
            // The database went away, perhaps mid-commit: whether this message was stored is unknown. An empty 202
            // is no acknowledgement, so the WCF client resends it in the same sequence, where a stored message is
            // recognised as a duplicate. A fault would end the session and the client would start a new sequence,
            // resending what may already be stored.
            logger.LeftForRetransmission(envelope.Action ?? "WS-RM", e);
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            return "unacknowledged";
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Failed(envelope.Action ?? "WS-RM", e);
            return await FaultAsync(http, SoapFaults.InternalError(), envelope).ConfigureAwait(false);
        }

        if (answer.Fault is { } fault)
            RecordFault(fault.Name, fault.Reason);
        logger.AnsweredInSession(envelope.Action ?? "WS-RM", answer.Outcome);
        if (answer.Envelope is null)
        {
            http.Response.StatusCode = answer.Status;
            return answer.Outcome;
        }
        await WriteAsync(http, answer.Status, envelope.Version, answer.Envelope).ConfigureAwait(false);
        return answer.Outcome;
    }

    /// <summary>Who is calling: a sequence answers only the endpoint and the authenticated client that created it.</summary>
    private RmCaller CallerOf(HttpContext http) =>
        RmCaller.Of(path, http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null, http.Connection.RemoteIpAddress?.ToString());

    private static string EndpointUri(HttpContext http, SoapEnvelope envelope) =>
        envelope.AddressingHeaders.To ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
}
