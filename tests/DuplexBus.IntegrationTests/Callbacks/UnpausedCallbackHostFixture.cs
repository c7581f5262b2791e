using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>A callback host that never pauses a failing destination: for tests that need many attempts at one.</summary>
public sealed class UnpausedCallbackHostFixture(ServersFixture servers) : CallbackHostFixture(servers)
{
    protected override void Configure(IDictionary<string, string> environment) =>
        environment["DuplexBus__Callbacks__PauseAfterFailures"] = "1000";
}
