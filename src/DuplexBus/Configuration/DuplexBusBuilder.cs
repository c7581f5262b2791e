using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Configuration;

/// <summary>Returned by <c>AddDuplexBus</c>, for extensions that add to an already configured DuplexBus.</summary>
public sealed class DuplexBusBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;
}
