using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using DuplexBus.IntegrationTests.Callbacks;
using DuplexBus.Testing;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// With the standard OTEL_EXPORTER_OTLP_* variables set, the host pushes traces and metrics over OTLP/HTTP: one trace
/// holds the client's call, the SQL, the publish, the saga and the callback, read from the protobuf it sent.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class OtlpExportTests(ServersFixture servers)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_exported_trace_holds_the_call_the_sql_the_publish_the_saga_and_the_callback()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        await using var collector = await InProcessHttpServer.StartAsync(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            received.Enqueue((http.Request.Path.Value ?? "", body.ToArray()));
            http.Response.StatusCode = StatusCodes.Status200OK;
        });
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = await servers.CreateDatabaseAsync("otlp");
        options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync("otlp");
        options.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString().TrimEnd('/');
        options.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        options.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        options.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        options.Environment["OTEL_SERVICE_NAME"] = "duplexbus-otlp-test";
        await using var host = await HostProcess.StartAsync(options);
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(host.BaseAddress);

        // A client that traces marks its trace sampled; the host's sampler follows its parent.
        using (new Activity("client call") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start())
            await client.StartWorkAsync(Guid.NewGuid(), 1, receiver.Address);
        var callback = (await receiver.WaitForAsync(1, Patience))[0];
        Assert.True(ActivityContext.TryParse(callback.Header("traceparent"), null, out var sent), callback.Header("traceparent"));
        var traceId = sent.TraceId.ToHexString();

        // ASP.NET Core: the call; Npgsql: the SQL; MassTransit: publish and saga; DuplexBus: edge, relay and callback; HttpClient: the callback's POST.
        string[] scopes = ["Microsoft.AspNetCore", "Npgsql", "MassTransit", "DuplexBus", "System.Net.Http"];
        var trace = (await Eventually.Until(
            () => Task.FromResult(new SpanList(Spans(received).Where(s => s.TraceId == traceId).ToList())),
            spans => scopes.All(scope => spans.Spans.Any(s => s.Scope == scope)),
            Patience,
            "spans of every part of the path in the callback's trace")).Spans;

        Assert.All(scopes, scope => Assert.Contains(trace, s => s.Scope == scope));
        // Publish and consume, on each of the path's hops (StartWork, DoWork, WorkDone).
        Assert.True(trace.Count(s => s.Scope == "MassTransit") >= 4, string.Join(", ", trace.Select(s => $"{s.Scope}: {s.Name}")));
        // The call's span hangs under the client's own span, which the client sent in its traceparent.
        Assert.Contains(trace, s => s.Scope == "Microsoft.AspNetCore" && s.ParentSpanId.Length > 0);
        var metrics = await Eventually.Until(
            () => Task.FromResult(received.Where(r => r.Path == "/v1/metrics").Select(r => Encoding.UTF8.GetString(r.Body)).ToList()),
            bodies => bodies.Any(b => b.Contains("duplexbus.outbox.published", StringComparison.Ordinal)),
            Patience,
            "DuplexBus's metrics pushed over OTLP");
        Assert.Contains(metrics, b => b.Contains("duplexbus-otlp-test", StringComparison.Ordinal));
    }

    /// <summary>Spans that print as their scopes and names (what a timeout reports).</summary>
    private sealed record SpanList(List<OtlpSpan> Spans)
    {
        public override string ToString() => string.Join("; ", Spans.Select(s => $"{s.Scope}: {s.Name}"));
    }

    private static IEnumerable<OtlpSpan> Spans(IEnumerable<(string Path, byte[] Body)> received) =>
        received.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpSpan.Parse(r.Body));
}
