using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>The callback host with the short defaults of <see cref="CallbackHostFixture"/> and the loopback allow-list.</summary>
public sealed class FastCallbackHostFixture(ServersFixture servers) : CallbackHostFixture(servers);
