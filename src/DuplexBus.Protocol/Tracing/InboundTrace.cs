using System.Diagnostics;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.Tracing;

/// <summary>
/// The trace a request belongs to, kept with its callback so that client → edge → bus → saga → callback is one
/// trace however long the work takes. A W3C <c>traceparent</c> wins; otherwise a .NET Framework client's
/// <see cref="WcfActivityIdHeader"/> becomes the trace id.
/// </summary>
/// <param name="TraceParent">The W3C traceparent the callback's span descends from.</param>
/// <param name="WcfActivityId">The client's WCF activity id, when it sent one: the callback carries it back.</param>
public sealed record InboundTrace(string TraceParent, Guid? WcfActivityId)
{
    /// <param name="newSpanId">A span id for a trace made from a WCF activity id (none exists yet).</param>
    public static InboundTrace? Read(SoapEnvelope envelope, ActivitySpanId newSpanId)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var activityId = WcfActivityIdHeader.Read(envelope.Header(WcfActivityIdHeader.Header));
        if (ActivityContext.TryParse(envelope.TraceParent, null, out var parent))
            return new InboundTrace(Format(parent.TraceId, parent.SpanId, parent.TraceFlags), activityId);
        // The client asked for propagation by sending its activity: the trace is recorded.
        return activityId is { } id
            ? new InboundTrace(Format(WcfActivityIdHeader.ToTraceId(id), newSpanId, ActivityTraceFlags.Recorded), id)
            : null;
    }

    public static string Format(ActivityTraceId traceId, ActivitySpanId spanId, ActivityTraceFlags flags) =>
        $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-{((flags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";
}
