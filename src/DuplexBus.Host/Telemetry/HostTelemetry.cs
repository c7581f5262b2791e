using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DuplexBus.Host.Telemetry;

/// <summary>
/// Exports what DuplexBus, MassTransit, ASP.NET Core, HttpClient, Npgsql and the runtime measure: metrics in
/// Prometheus text at <c>/metrics</c> (on unless <c>Telemetry:Prometheus:Enabled</c> is false), and traces and metrics
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other standard OTEL_* variables).
/// </summary>
/// <remarks>
/// The scrape endpoint is OpenTelemetry's own exporter, although it is still a beta: the instruments are
/// System.Diagnostics.Metrics already, one SDK pipeline then feeds both Prometheus and OTLP, and its names follow
/// OpenTelemetry's Prometheus mapping (units as suffixes, <c>_total</c> on counters), which is what an OpenTelemetry
/// Collector in front of Prometheus produces too, so one dashboard reads either way. prometheus-net is stable, but would
/// be a second metrics pipeline beside the one OTLP needs, with its own naming. The package is pinned; only this file
/// and the mapping below know it. Spans are recorded only when something exports them: without OTLP there is no
/// tracer at all, so the message path pays nothing for traces nobody reads.
/// </remarks>
internal static class HostTelemetry
{
    private const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string ServiceName = "OTEL_SERVICE_NAME";

    public static WebApplicationBuilder AddHostTelemetry(this WebApplicationBuilder builder)
    {
        var options = Options(builder.Configuration);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]);
        if (!otlp && !options.Prometheus.Enabled)
            return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceName]))
                    resource.AddService("duplexbus");
            })
            .WithMetrics(metrics =>
            {
                metrics.AddDuplexBusInstrumentation()
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (options.Prometheus.Enabled)
                    metrics.AddPrometheusExporter();
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddDuplexBusInstrumentation()
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsScrape(http, options))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    public static WebApplication MapHostTelemetry(this WebApplication app)
    {
        var options = Options(app.Configuration);
        if (options.Prometheus.Enabled)
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path);
        return app;
    }

    private static TelemetryOptions Options(IConfiguration configuration) =>
        configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();

    private static bool IsScrape(HttpContext http, TelemetryOptions options) =>
        options.Prometheus.Enabled && http.Request.Path.Equals(options.Prometheus.Path, StringComparison.OrdinalIgnoreCase);
}
