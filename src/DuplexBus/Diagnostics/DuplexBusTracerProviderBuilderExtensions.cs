using DuplexBus.Diagnostics;

namespace OpenTelemetry.Trace;

public static class DuplexBusTracerProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to DuplexBus's spans (edge, relay, saga store, callbacks) and MassTransit's (publish, consume, saga),
    /// which carry one trace from the client's call to its callback. Add ASP.NET Core, HttpClient and Npgsql
    /// instrumentation beside it for the request, the callback's HTTP call and the SQL.
    /// </summary>
    public static TracerProviderBuilder AddDuplexBusInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(DuplexBusDiagnostics.Name, DuplexBusDiagnostics.MassTransitName);
    }
}
