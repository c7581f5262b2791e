using Microsoft.AspNetCore.Builder;

namespace DuplexBus.Edge.Metadata;

/// <summary>
/// The SOAP POST and the metadata GET of one endpoint under one convention builder, so what the caller adds
/// (authorization, CORS, a name) applies to both.
/// </summary>
internal sealed class ConventionBuilders(params IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
            builder.Add(convention);
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in builders)
            builder.Finally(finallyConvention);
    }
}
