using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Edge.Metadata;
using DuplexBus.Edge.Operations;
using DuplexBus.Outbox;
using DuplexBus.Protocol.ReliableMessaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the WCF service contract <typeparamref name="TContract"/> at <paramref name="path"/> (HTTP POST, SOAP 1.1
    /// and 1.2, plain or over WS-ReliableMessaging): operations, actions, parameters and faults come from its attributes.
    /// </summary>
    /// <param name="configure">
    /// Where its one-way operations go on the bus (<see cref="ContractEndpointBuilder.MessagesFrom{TMessage}"/>,
    /// <see cref="ContractEndpointBuilder.Map{TMessage}"/>) and what answers its request-reply ones
    /// (<see cref="ContractEndpointBuilder.HandleRequestsWith{THandler}"/>).
    /// </param>
    /// <remarks>A GET at <paramref name="path"/> answers the WSDL (<c>?wsdl</c>, <c>?singleWsdl</c>, <c>?xsd=xsdN</c>) and a help page, unless <c>DuplexBus:Edge:Metadata</c> turns them off.</remarks>
    public static IEndpointConventionBuilder MapDuplexBusEndpoint<TContract>(this IEndpointRouteBuilder endpoints, string path, Action<ContractEndpointBuilder>? configure = null)
        where TContract : class =>
        endpoints.MapDuplexBusEndpoint(path, typeof(TContract), configure);

    /// <inheritdoc cref="MapDuplexBusEndpoint{TContract}"/>
    /// <param name="contract">The <c>[ServiceContract]</c> interface.</param>
    public static IEndpointConventionBuilder MapDuplexBusEndpoint(this IEndpointRouteBuilder endpoints, string path, Type contract, Action<ContractEndpointBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return endpoints.MapDuplexBusEndpoint(path, SoapService.For(contract, configure));
    }

    /// <summary>Serves <paramref name="service"/> at <paramref name="path"/>.</summary>
    internal static IEndpointConventionBuilder MapDuplexBusEndpoint(this IEndpointRouteBuilder endpoints, string path, SoapService service)
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
        var soap = endpoints.MapPost(path, endpoint.HandleAsync).WithDisplayName($"SOAP {service.Name} at {path}");
        var metadata = sp.GetRequiredService<IOptions<EdgeOptions>>().Value.Metadata;
        if (!metadata.Enabled)
            return soap;
        var wsdl = new MetadataEndpoint(service, metadata, sp.GetRequiredService<IOptions<RmLimits>>().Value);
        var get = endpoints.MapGet(path, wsdl.HandleAsync).WithDisplayName($"WSDL of {service.Name} at {path}");
        return new ConventionBuilders(soap, get);
    }
}
