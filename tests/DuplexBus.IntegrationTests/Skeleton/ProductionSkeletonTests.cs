using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Skeleton;

/// <summary>The skeleton in production mode: real PostgreSQL and RabbitMQ.</summary>
[Collection(nameof(RealServers))]
public sealed class ProductionSkeletonTests(ProductionHostFixture fixture) : SkeletonScenarios, IClassFixture<ProductionHostFixture>
{
    protected override HostProcess Host => fixture.Host;
}
