using DuplexBus.Testing;
using Xunit;

namespace DuplexBus.IntegrationTests;

/// <summary>
/// Every integration test class joins this collection, so one PostgreSQL and one RabbitMQ serve the
/// whole assembly and tests that kill a server never run beside tests that rely on it.
/// </summary>
[CollectionDefinition(nameof(RealServers))]
public sealed class RealServers : ICollectionFixture<ServersFixture>
{
}
