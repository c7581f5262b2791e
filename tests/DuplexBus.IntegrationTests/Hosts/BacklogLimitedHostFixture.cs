using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Hosts;

/// <summary>The production-mode host with one saga partition and a small backlog limit, so a test can fill it.</summary>
public sealed class BacklogLimitedHostFixture(ServersFixture servers) : ProductionHostFixture(servers)
{
    public const int Limit = 40;

    /// <summary>What the saga's partition consumer takes from its queue ahead of time (not counted by the limit).</summary>
    public const int Prefetch = 64;

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    protected override void Configure(HostProcessOptions options)
    {
        options.Environment["Samples__Work__SagaPartitions"] = "1";
        options.Environment["DuplexBus__Edge__BacklogLimit__MaxQueuedMessages"] = Limit.ToString(CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__Edge__BacklogLimit__MaxWait"] = MaxWait.ToString("c", CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__Edge__BacklogLimit__PollInterval"] = "00:00:00.050";
    }
}
