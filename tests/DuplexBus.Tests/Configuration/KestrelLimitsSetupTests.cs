using DuplexBus.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace DuplexBus.Tests.Configuration;

public sealed class KestrelLimitsSetupTests
{
    private static KestrelServerOptions Configure(Dictionary<string, string?> settings, Action<KestrelServerOptions>? before = null)
    {
        var options = new KestrelServerOptions();
        before?.Invoke(options);
        new KestrelLimitsSetup(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).Configure(options);
        return options;
    }

    [Fact]
    public void Without_configuration_the_edge_bounds_connections_and_header_time()
    {
        var limits = Configure([]).Limits;

        Assert.Equal(1024, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(240, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(32 * 1024, limits.MaxRequestHeadersTotalSize);
    }

    [Fact]
    public void Kestrel_Limits_configuration_wins()
    {
        var limits = Configure(new()
        {
            ["Kestrel:Limits:MaxConcurrentConnections"] = "50",
            ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:03",
            ["Kestrel:Limits:KeepAliveTimeout"] = "00:00:20",
            ["Kestrel:Limits:MaxRequestHeadersTotalSize"] = "8192",
            ["Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond"] = "1000",
            ["Kestrel:Limits:MinRequestBodyDataRate:GracePeriod"] = "00:00:02",
        }).Limits;

        Assert.Equal(50, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(3), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), limits.KeepAliveTimeout);
        Assert.Equal(8192, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(1000, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), limits.MinRequestBodyDataRate.GracePeriod);
    }

    [Fact]
    public void A_limit_the_host_set_itself_is_kept()
    {
        var limits = Configure([], o => o.Limits.MaxConcurrentConnections = 7).Limits;

        Assert.Equal(7, limits.MaxConcurrentConnections);
    }
}
