using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>A callback host that dead-letters a callback after three failed attempts.</summary>
public sealed class ThreeAttemptsHostFixture(ServersFixture servers) : CallbackHostFixture(servers)
{
    protected override void Configure(IDictionary<string, string> environment) =>
        environment["DuplexBus__Callbacks__MaxAttempts"] = "3";
}
