using System.Diagnostics;
using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Edge.Ingress;
using DuplexBus.Edge.Operations;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Edge.Security;
using DuplexBus.Protocol.Soap;
using DuplexBus.Protocol.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DuplexBus.Edge;

/// <summary>
/// The HTTP side of the edge: reads the request within limits, runs the pure SOAP steps, hands one-way messages to
/// <see cref="EdgeIngress"/> and request-reply operations to their handler, and turns every outcome into HTTP.
/// </summary>
internal sealed partial class SoapEndpoint(
    string path,
    SoapService service,
    IOptions<EdgeOptions> options,
    DuplexBusMetrics metrics,
    CallbackAddressGuard callbackGuard,
    EdgeAdmission admission,
    ILogger<SoapEndpoint> logger)
{
    private const string TraceParentHeader = "traceparent";
    private const string UnacknowledgedWhileBusy = "the reliable-session message is left unacknowledged for its sender to resend";

    private readonly EdgeOptions _options = options.Value;
    private readonly SoapReadOptions _readOptions = new()
    {
        MaxDepth = options.Value.MaxXmlDepth,
        MaxCharacters = options.Value.MaxMessageBytes,
        MaxNodes = options.Value.MaxXmlNodes,
        MaxAttributesPerElement = options.Value.MaxXmlAttributesPerElement,
        MaxStringContentLength = options.Value.MaxXmlStringLength,
        MaxNameCharacters = options.Value.MaxXmlNameCharacters,
        MaxHeaders = options.Value.MaxHeaders,
        MaxHeaderCharacters = options.Value.MaxHeaderCharacters,
        UnderstoodHeaders = RmVersion.V10.Headers.Concat(RmVersion.V11.Headers).ToHashSet(),
    };

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = DuplexBusDiagnostics.Source.StartActivity("duplexbus.edge.receive", ActivityKind.Server);
        var outcome = await ProcessAsync(http, activity).ConfigureAwait(false);
        metrics.EdgeDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("duplexbus.outcome", outcome));
    }

    private async Task<string> ProcessAsync(HttpContext http, Activity? activity)
    {
        var request = http.Request;
        var version = SoapVersion.FromContentType(request.ContentType);
        if (version is null)
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return "unsupported-media-type";
        }

        var security = SoapAuthenticator.SecurityOf(http);
        if (await AuthenticateTransportAsync(http, security).ConfigureAwait(false) is { } refused)
            return refused;

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = RequestBody.DrainBound(_options.MaxMessageBytes) + 1;

        RequestBodyResult received;
        try
        {
            received = await RequestBody.ReadAsync(request, _options.MaxMessageBytes, http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel gave up on the body: it came slower than MinRequestBodyDataRate, or ended before its Content-Length.
            logger.BodyUnreadable(path, e.Message);
            if (!http.Response.HasStarted)
                http.Response.StatusCode = e.StatusCode;
            return "unreadable-body";
        }
        SoapReadResult read;
        using (received)
        {
            if (received.Abandon)
            {
                RecordFault("MessageTooLarge", "dropped the connection: the body is far over the limit");
                http.Abort();
                return "abandoned";
            }
            if (received.Body is not { } body)
                return await FaultAsync(http, SoapFaults.TooLarge(_options.MaxMessageBytes), version, AddressingVersion.None, null).ConfigureAwait(false);

            // The envelope holds its own copy of what it needs, so the pooled buffer goes back before the request
            // waits for its turn.
            read = SoapEnvelopeReader.Read(body, version, HttpActionOf(request, version), ReadOptionsFor(security));
        }
        if (!read.IsEnvelope)
            return await FaultAsync(http, read.Fault, read.Version, read.Addressing, null).ConfigureAwait(false);

        var envelope = read.Envelope with { TraceParent = TraceParentOf(request, activity) };
        if (!AddressedHere(envelope, request))
            return await FaultAsync(http, SoapFaults.DestinationUnreachable(envelope.Addressing, envelope.AddressingHeaders.To!), envelope).ConfigureAwait(false);
        activity?.SetTag("duplexbus.soap.action", envelope.Action);
        if (WcfActivityIdHeader.Read(envelope.Header(WcfActivityIdHeader.Header)) is { } wcfActivity)
            activity?.SetTag("wcf.activity_id", wcfActivity);
        if (await AuthenticateTokenAsync(http, security, envelope).ConfigureAwait(false) is { } securityFault)
            return await FaultAsync(http, securityFault, envelope).ConfigureAwait(false);

        var reliable = RmInboundReader.Read(envelope);
        if (reliable is { Fault: { } rmFault, Ends: null })
            return await FaultAsync(http, rmFault, envelope).ConfigureAwait(false);

        // Read and parsed within fixed bounds; what follows holds a database connection, so only so many at once.
        var sessionMessage = reliable.IsReliable || reliable.Ends is not null;
        var toOutbox = (!sessionMessage || reliable.Inbound?.Sequence is not null) && service.Find(envelope.Action) is OneWayOperation;
        using var turn = await admission.EnterAsync(patient: sessionMessage, toOutbox, http.RequestAborted).ConfigureAwait(false);
        if (turn is null)
            return await TooBusyAsync(http, envelope, sessionMessage).ConfigureAwait(false);
        if (reliable is { Fault: { } ending, Ends: { } ends })
            return await ReliableAsync(http, envelope, (handler, caller, ct) => handler.EndOnFaultAsync(ends, ending, envelope, caller, ct)).ConfigureAwait(false);
        if (reliable.IsReliable)
        {
            var inbound = reliable.Inbound;
            activity?.SetTag("duplexbus.rm.version", inbound.Version.Name);
            using var scope = inbound.Sequence is { } sequence ? logger.BeginSequenceScope(sequence.Identifier, sequence.MessageNumber) : null;
            return await ReliableAsync(http, envelope, (handler, caller, ct) =>
                handler.HandleAsync(service, EndpointUri(http, envelope), envelope, inbound, caller, http.RequestServices, ct)).ConfigureAwait(false);
        }
        if (envelope.Body?.Name == envelope.Version.Namespace + "Fault")
        {
            // A client reports its own faults as a one-way message: take note (of the code, never the text), answer 202.
            logger.ClientFault(path, envelope.Action ?? "", FaultCodeOf(envelope.Body));
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            return "client-fault";
        }

        var operation = service.Find(envelope.Action);
        if (operation is null)
            return await FaultAsync(http, SoapFaults.ActionNotSupported(envelope.Addressing, envelope.Action), envelope).ConfigureAwait(false);

        var cookie = request.Headers.Cookie.ToString();
        try
        {
            return operation switch
            {
                OneWayOperation oneWay => await AcceptOneWayAsync(http, oneWay, envelope, cookie).ConfigureAwait(false),
                RequestReplyOperation requestReply => await ReplyAsync(http, requestReply, envelope, cookie).ConfigureAwait(false),
                _ => throw new UnreachableException(operation.GetType().Name),
            };
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Failed(operation.Name, e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            var fault = operation is OneWayOperation ? SoapFaults.OutcomeUnknown(envelope.MessageId is not null) : SoapFaults.InternalError();
            return await FaultAsync(http, fault, envelope).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A wsa:To, when present, must name this endpoint: an absolute URI with this request's path (the host may differ
    /// behind a proxy or a load balancer) or the anonymous address.
    /// </summary>
    private static bool AddressedHere(SoapEnvelope envelope, HttpRequest request)
    {
        if (envelope.AddressingHeaders.To is not { } to || envelope.Addressing.IsAnonymous(to))
            return true;
        return Uri.TryCreate(to, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.Equals(uri.AbsolutePath.TrimEnd('/'), (request.PathBase + request.Path).Value?.TrimEnd('/') ?? "", StringComparison.OrdinalIgnoreCase);
    }

    private static string FaultCodeOf(System.Xml.Linq.XElement fault) =>
        (fault.Descendants().LastOrDefault(e => e.Name.LocalName == "Value") ?? fault.Element("faultcode"))?.Value.Trim() is { Length: > 0 and <= 200 } code ? code : "(none)";

    /// <summary>
    /// Turns a request away while the edge is full. Plain SOAP gets 503 with Retry-After (WCF: ServerTooBusyException,
    /// nothing stored). A reliable-session message (turned away only after waiting the whole QueueTimeout) gets an
    /// empty 202, which acknowledges nothing: the WCF client resends it within its session as it resends a lost one,
    /// where a 503 could fault the session.
    /// </summary>
    private async Task<string> TooBusyAsync(HttpContext http, SoapEnvelope envelope, bool reliable)
    {
        var fault = SoapFaults.ServerTooBusy();
        RecordFault(fault.Name, reliable ? UnacknowledgedWhileBusy : fault.Reason);
        if (reliable)
        {
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            return "busy-unacknowledged";
        }
        http.Response.Headers.RetryAfter = "1";
        var bytes = SoapMessageWriter.WriteFault(fault, envelope.Version, envelope.Addressing, envelope.MessageId);
        await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, envelope.Version, bytes).ConfigureAwait(false);
        return "busy";
    }

    private Task<string> FaultAsync(HttpContext http, SoapFault fault, SoapEnvelope envelope) =>
        FaultAsync(http, fault, envelope.Version, envelope.Addressing, envelope.MessageId);

    private async Task<string> FaultAsync(HttpContext http, SoapFault fault, SoapVersion version, AddressingVersion addressing, string? relatesTo)
    {
        RecordFault(fault.Name, fault.Reason);
        var bytes = SoapMessageWriter.WriteFault(fault, version, addressing, relatesTo);
        await WriteAsync(http, StatusCodes.Status500InternalServerError, version, bytes).ConfigureAwait(false);
        return "fault";
    }

    private void RecordFault(string name, string reason)
    {
        logger.Faulted(path, name, reason);
        metrics.EdgeFaults.Add(1, new KeyValuePair<string, object?>("duplexbus.fault", name));
        Activity.Current?.SetTag("duplexbus.fault", name);
    }

    private static async Task WriteAsync(HttpContext http, int status, SoapVersion version, byte[] bytes)
    {
        bytes = SecureResponse(http, version, bytes);
        http.Response.StatusCode = status;
        http.Response.ContentType = version.ContentType;
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The request's traceparent header, or rather the edge's own span when one exists in that trace, so what the
    /// request causes later (its callback) descends from the edge's span.
    /// </summary>
    private static string? TraceParentOf(HttpRequest request, Activity? edge)
    {
        var header = request.Headers[TraceParentHeader].ToString();
        if (!ActivityContext.TryParse(header, null, out var caller))
            return null;
        return edge is { IdFormat: ActivityIdFormat.W3C } && edge.TraceId == caller.TraceId ? edge.Id : header;
    }

    /// <summary>The action the HTTP layer carries: SOAPAction (SOAP 1.1) or the action media-type parameter (SOAP 1.2).</summary>
    private static string? HttpActionOf(HttpRequest request, SoapVersion version)
    {
        if (version == SoapVersion.Soap11)
        {
            var soapAction = request.Headers["SOAPAction"].ToString();
            return soapAction.Length == 0 ? null : soapAction.Trim().Trim('"');
        }
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
        {
            foreach (var parameter in media.Parameters)
            {
                if (parameter.Name.Equals("action", StringComparison.OrdinalIgnoreCase))
                    return parameter.Value.ToString().Trim('"');
            }
        }
        return null;
    }
}
