using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Edge.Operations;
using DuplexBus.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>Serves <paramref name="service"/> at <paramref name="path"/> (HTTP POST, SOAP 1.1 and 1.2).</summary>
    public static IEndpointConventionBuilder MapDuplexBusEndpoint(this IEndpointRouteBuilder endpoints, string path, SoapService service)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(service);

        var sp = endpoints.ServiceProvider;
        var types = sp.GetRequiredService<MessageTypeMap>();
        sp.GetRequiredService<SoapEndpointRegistry>().Add(path, service);
        foreach (var operation in service.Operations.OfType<OneWayOperation>())
            types.Register(operation.MessageType);

        var endpoint = new SoapEndpoint(
            path,
            service,
            sp.GetRequiredService<IOptions<EdgeOptions>>(),
            sp.GetRequiredService<DuplexBusMetrics>(),
            sp.GetRequiredService<CallbackAddressGuard>(),
            sp.GetRequiredService<EdgeAdmission>(),
            sp.GetRequiredService<ILogger<SoapEndpoint>>());
        return endpoints.MapPost(path, endpoint.HandleAsync).WithDisplayName($"SOAP {service.Name} at {path}");
    }
}
