using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Skeleton;

/// <summary>The skeleton on the embedded default: no servers, SQLite and the in-memory bus.</summary>
public sealed class EmbeddedSkeletonTests(EmbeddedHostFixture fixture) : SkeletonScenarios, IClassFixture<EmbeddedHostFixture>
{
    protected override HostProcess Host => fixture.Host;
}
