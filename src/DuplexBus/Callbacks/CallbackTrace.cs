using System.Diagnostics;
using DuplexBus.Protocol.Tracing;

namespace DuplexBus.Callbacks;

/// <summary>
/// Each attempt of a callback is a span in the trace of the request that asked for it, however much later it runs,
/// and its <c>traceparent</c> header tells the client so.
/// </summary>
public static class CallbackTrace
{
    public const string Header = "traceparent";

    /// <summary>The stored trace the attempt's span descends from; default (a new trace) when there is none.</summary>
    public static ActivityContext ParentOf(CallbackMessage callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ActivityContext.TryParse(callback.TraceParent, null, out var parent) ? parent : default;
    }

    /// <summary>
    /// The attempt's traceparent: its span when one was started (somebody listens), else a fresh span id in the
    /// stored trace; null when the request brought no trace and nobody listens.
    /// </summary>
    public static string? HeaderFor(CallbackMessage callback, Activity? attempt)
    {
        if (attempt is { IdFormat: ActivityIdFormat.W3C })
            return attempt.Id;
        var parent = ParentOf(callback);
        return parent == default ? null : InboundTrace.Format(parent.TraceId, ActivitySpanId.CreateRandom(), parent.TraceFlags);
    }
}
