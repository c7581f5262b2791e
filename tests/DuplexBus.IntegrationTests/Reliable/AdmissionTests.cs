using System.ServiceModel;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>B1503: past the configured number of open sequences, CreateSequence is refused as "connection limit reached".</summary>
[Collection(nameof(RealServers))]
public sealed class AdmissionTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    [Fact]
    public async Task Session_past_the_open_sequence_limit_is_refused_and_the_client_sees_ServerTooBusy()
    {
        var options = fixture.Options();
        options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequences"] = "2";
        await using var host = await HostProcess.StartAsync(options);
        var configuration = RmClientBinding.Find("RM 1.0 Soap12WSAddressing10 ordered");
        using var first = new WorkClient(host.BaseAddress, configuration.Create());
        using var second = new WorkClient(host.BaseAddress, configuration.Create());
        await Task.Run(() =>
        {
            first.Channel.AddItem(Guid.NewGuid(), 1, "admitted");
            second.Channel.AddItem(Guid.NewGuid(), 1, "admitted");
        });

        using var third = new WorkClient(host.BaseAddress, configuration.Create());
        var refused = await Assert.ThrowsAsync<ServerTooBusyException>(() => Task.Run(() => third.Channel.AddItem(Guid.NewGuid(), 1, "refused")));

        Assert.Contains("limit", refused.Message, StringComparison.OrdinalIgnoreCase);
    }
}
