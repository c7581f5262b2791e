namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// The spans of an OTLP/HTTP protobuf ExportTraceServiceRequest, read with the protobuf wire format alone (the
/// OpenTelemetry.Proto package is not served here): resource_spans(1) → scope_spans(2) → scope(1).name(1) and
/// spans(2) → trace_id(1), span_id(2), parent_span_id(4), name(5).
/// </summary>
internal sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId)
{
    public static IEnumerable<OtlpSpan> Parse(byte[] request)
    {
        foreach (var resourceSpans in Protobuf.Messages(request, 1))
        {
            foreach (var scopeSpans in Protobuf.Messages(resourceSpans, 2))
            {
                var scope = Protobuf.Messages(scopeSpans, 1).Select(s => Protobuf.Text(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in Protobuf.Messages(scopeSpans, 2))
                {
                    yield return new OtlpSpan(scope, Protobuf.Text(span, 5) ?? "", Protobuf.Hex(span, 1), Protobuf.Hex(span, 2), Protobuf.Hex(span, 4));
                }
            }
        }
    }
}
