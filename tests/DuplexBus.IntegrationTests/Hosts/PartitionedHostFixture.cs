using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Hosts;

/// <summary>The production-mode host with the sample saga's production count of partitions (8).</summary>
public sealed class PartitionedHostFixture(ServersFixture servers) : ProductionHostFixture(servers)
{
    public const int Partitions = 8;

    protected override void Configure(HostProcessOptions options) =>
        options.Environment["Samples__Work__SagaPartitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
