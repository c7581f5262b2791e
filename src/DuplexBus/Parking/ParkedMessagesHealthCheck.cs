using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DuplexBus.Parking;

/// <summary>
/// Degraded while any message is parked: the host still accepts and delivers, but something needs an operator.
/// Never unhealthy, so a load balancer does not pull an edge over a parked message.
/// </summary>
internal sealed class ParkedMessagesHealthCheck(ParkedMessageStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = await store.CountAsync(cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["count"] = count };
            return count == 0
                ? HealthCheckResult.Healthy("no parked messages", data)
                : HealthCheckResult.Degraded($"{count} parked messages: see `parked list`", data: data);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Degraded("parked messages could not be counted", e);
        }
    }
}
