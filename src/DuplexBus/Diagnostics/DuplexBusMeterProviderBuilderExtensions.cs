using DuplexBus.Diagnostics;

namespace OpenTelemetry.Metrics;

public static class DuplexBusMeterProviderBuilderExtensions
{
    /// <summary>Subscribes to DuplexBus's counters, histograms and operational gauges, and to MassTransit's meter.</summary>
    public static MeterProviderBuilder AddDuplexBusInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(DuplexBusDiagnostics.Name, DuplexBusDiagnostics.MassTransitName);
    }
}
