using System.Diagnostics;
using DuplexBus.Protocol.Soap;
using DuplexBus.Protocol.Tracing;
using static DuplexBus.Tests.Edge.Soap.Envelopes;

namespace DuplexBus.Tests.Edge.Tracing;

[Trait("Spec", "PROTOCOLS 6 activity propagation")]
public sealed class InboundTraceTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static readonly Guid ActivityId = Guid.Parse("5a3f2c1d-0b9e-4f7a-8c6d-1e2f3a4b5c6d");
    private static readonly ActivitySpanId NewSpan = ActivitySpanId.CreateFromString("1111222233334444");

    private static string ActivityIdHeader(string content) =>
        $"<ActivityId CorrelationId=\"{Guid.NewGuid()}\" xmlns=\"http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics\">{content}</ActivityId>";

    private static SoapEnvelope Envelope(string? traceParent, string extraHeaders = "")
    {
        var result = Read(Addressed(Soap12, Wsa10, "urn:test/Op", "urn:uuid:1", extraHeaders: extraHeaders));
        Assert.True(result.IsEnvelope, result.Fault?.Reason);
        return result.Envelope with { TraceParent = traceParent };
    }

    public static TheoryData<string, string?, string, string?, Guid?> Cases => new()
    {
        { "traceparent alone", TraceParent, "", TraceParent, null },
        { "traceparent wins over ActivityId, which is still echoed", TraceParent, ActivityIdHeader(ActivityId.ToString()), TraceParent, ActivityId },
        { "ActivityId alone becomes the trace id", null, ActivityIdHeader(ActivityId.ToString()), "00-5a3f2c1d0b9e4f7a8c6d1e2f3a4b5c6d-1111222233334444-01", ActivityId },
        { "ActivityId with spaces around the Guid", null, ActivityIdHeader($" {ActivityId} "), "00-5a3f2c1d0b9e4f7a8c6d1e2f3a4b5c6d-1111222233334444-01", ActivityId },
        { "a malformed traceparent falls back to ActivityId", "00-nothex-b7ad6b7169203331-01", ActivityIdHeader(ActivityId.ToString()), "00-5a3f2c1d0b9e4f7a8c6d1e2f3a4b5c6d-1111222233334444-01", ActivityId },
        { "an all-zero trace id is no trace", "00-00000000000000000000000000000000-b7ad6b7169203331-01", "", null, null },
        { "an ActivityId that is not a Guid is ignored", null, ActivityIdHeader("not-a-guid"), null, null },
        { "an empty ActivityId is ignored", null, ActivityIdHeader(Guid.Empty.ToString()), null, null },
        { "neither", null, "", null, null },
    };

    [Theory, MemberData(nameof(Cases))]
    public void The_trace_comes_from_traceparent_else_from_the_WCF_activity_id(string _, string? traceParent, string headers, string? expected, Guid? echoed)
    {
        var trace = InboundTrace.Read(Envelope(traceParent, headers), NewSpan);

        Assert.Equal(expected, trace?.TraceParent);
        Assert.Equal(echoed, trace?.WcfActivityId);
    }

    [Fact]
    public void An_unsampled_traceparent_stays_unsampled()
    {
        var trace = InboundTrace.Read(Envelope("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"), NewSpan);

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", trace?.TraceParent);
    }

    [Fact]
    public void A_WCF_activity_id_and_its_trace_id_are_the_same_sixteen_bytes()
    {
        var traceId = WcfActivityIdHeader.ToTraceId(ActivityId);

        Assert.Equal("5a3f2c1d0b9e4f7a8c6d1e2f3a4b5c6d", traceId.ToHexString());
        Assert.Equal(ActivityId, WcfActivityIdHeader.FromTraceId(traceId));
    }
}
