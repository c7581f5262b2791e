using System.Diagnostics;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Tracing;

/// <summary>
/// The header .NET Framework WCF sends with <c>propagateActivity="true"</c>: the end-to-end activity id, a Guid.
/// Modern WCF clients never send it. Its Guid and a W3C trace id are the same 16 bytes, so a trace that began as a
/// WCF activity keeps its id across the bus and comes back to the client as the same activity.
/// </summary>
public static class WcfActivityIdHeader
{
    public static readonly XNamespace Namespace = "http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics";

    public static readonly XName Header = Namespace + "ActivityId";

    /// <summary>The attribute WCF gives a fresh Guid on every header it writes.</summary>
    public const string CorrelationIdAttribute = "CorrelationId";

    /// <summary>The activity id of an <c>ActivityId</c> header; null when absent or not a Guid (it is not mustUnderstand).</summary>
    public static Guid? Read(XElement? header) =>
        header is not null && Guid.TryParse(header.Value.Trim(), out var id) && id != Guid.Empty ? id : null;

    public static ActivityTraceId ToTraceId(Guid activityId) => ActivityTraceId.CreateFromString(activityId.ToString("N"));

    public static Guid FromTraceId(ActivityTraceId traceId) => Guid.ParseExact(traceId.ToHexString(), "N");
}
