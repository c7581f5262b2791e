using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DuplexBus.Health;

public static class HealthEndpointExtensions
{
    /// <summary>Tag of the checks that decide readiness: whether the host can accept (database reachable, schema current).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag of the bus connection check.</summary>
    public const string BusTag = "bus";

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the host can accept — the database is reachable and
    /// its schema current; the bus and parked messages are listed and may say Degraded, which is still 200, because
    /// the edge accepts into the outbox while the broker is away (a load balancer must not pull every edge during a
    /// broker outage). <c>/health/bus</c>: 200 only while the bus is connected. Each answers 200 or 503 with a short
    /// JSON body.
    /// </summary>
    public static IEndpointRouteBuilder MapDuplexBusHealthChecks(this IEndpointRouteBuilder endpoints, string prefix = "/health")
    {
        endpoints.MapHealthChecks(prefix + "/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks(prefix + "/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks(prefix + "/bus", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(BusTag),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }
}
