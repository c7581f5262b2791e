using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>A production-mode host on a fresh database whose gauges are read every second; its start-up output kept.</summary>
public sealed class OperatingHostFixture(ServersFixture servers) : ProductionHostFixture(servers)
{
    /// <summary>What the host wrote until it was ready: its first start, on an empty database.</summary>
    public IReadOnlyList<string> StartOutput { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartOutput = Host.OutputLines;
    }

    protected override void Configure(HostProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Environment["DuplexBus__Gauges__RefreshInterval"] = "00:00:01";
    }
}
