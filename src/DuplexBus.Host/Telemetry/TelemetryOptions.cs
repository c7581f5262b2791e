namespace DuplexBus.Host.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>: what the host exports beside the standard OTEL_* variables.</summary>
internal sealed class TelemetryOptions
{
    public PrometheusOptions Prometheus { get; set; } = new();

    internal sealed class PrometheusOptions
    {
        /// <summary>Serve the metrics in Prometheus text format.</summary>
        public bool Enabled { get; set; } = true;

        public string Path { get; set; } = "/metrics";
    }
}
