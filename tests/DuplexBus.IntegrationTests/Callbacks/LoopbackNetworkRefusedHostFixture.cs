using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A callback host whose AllowedHosts still name localhost but whose AllowedNetworks hold no loopback network: the
/// name passes, the address it resolves to does not. (Settings can replace the two entries of the shipped list, not
/// remove them, so they become two documentation networks no test connects to.)
/// </summary>
public sealed class LoopbackNetworkRefusedHostFixture(ServersFixture servers) : CallbackHostFixture(servers)
{
    protected override void Configure(IDictionary<string, string> environment)
    {
        environment["DuplexBus__Callbacks__AllowedNetworks__0"] = "192.0.2.0/24";
        environment["DuplexBus__Callbacks__AllowedNetworks__1"] = "198.51.100.0/24";
    }
}
