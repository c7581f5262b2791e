using System.Diagnostics;
using DuplexBus.Diagnostics;

namespace DuplexBus.Outbox;

/// <summary>
/// A row's publish is a span in the trace of the activity that wrote the row (the client's call at the edge, the
/// consume in a saga), so MassTransit's send, and every consume after it, continue that trace: one trace from the
/// call through every hop to the callback, however long the row waited.
/// </summary>
internal static class OutboxTrace
{
    /// <summary>The current activity as a W3C traceparent, or null when there is none to continue.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The publish span of <paramref name="row"/>, under its stored trace; null when it has none or nobody listens.</summary>
    public static Activity? StartPublish(OutboxMessage row)
    {
        if (!ActivityContext.TryParse(row.TraceParent, null, out var parent))
            return null;
        var activity = DuplexBusDiagnostics.Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.MessageId.ToString());
        activity?.SetTag("duplexbus.outbox.seq", row.Seq);
        return activity;
    }
}
