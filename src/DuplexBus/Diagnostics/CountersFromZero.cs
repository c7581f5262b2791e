using Microsoft.Extensions.Hosting;

namespace DuplexBus.Diagnostics;

/// <summary>Exports every counter at zero once the host has started (see <see cref="DuplexBusMetrics.AddZeros"/>).</summary>
/// <remarks>Hosted services start in the order they were added, and the application adds its exporters after
/// DuplexBus: only when the whole host has started is every exporter listening.</remarks>
/// <param name="lifetime">Absent where the services run without a host (tests, tools): then at once.</param>
internal sealed class CountersFromZero(DuplexBusMetrics metrics, IHostApplicationLifetime? lifetime = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (lifetime is null)
            metrics.AddZeros();
        else
            lifetime.ApplicationStarted.Register(metrics.AddZeros);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
