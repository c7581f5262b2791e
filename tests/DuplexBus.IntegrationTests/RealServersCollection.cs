using DuplexBus.Testing;
using Xunit;

namespace DuplexBus.IntegrationTests;

/// <summary>
/// Most integration test classes join this collection, so one PostgreSQL and one RabbitMQ serve them all and tests
/// that kill a server never run beside tests that rely on it.
/// </summary>
[CollectionDefinition(nameof(RealServers))]
public sealed class RealServers : ICollectionFixture<ServersFixture>
{
}

/// <summary>
/// The classes that stop, kill and wait out servers and hosts, and enough long ones besides for the two collections to
/// take about as long. They spend most of their time waiting for a restart or a recovery, so they run beside
/// <see cref="RealServers"/> on a PostgreSQL and a RabbitMQ of their own (xunit makes one collection fixture per
/// collection): a server one of them stops is never a server the others use.
/// </summary>
[CollectionDefinition(nameof(FaultServers))]
public sealed class FaultServers : ICollectionFixture<ServersFixture>
{
}
