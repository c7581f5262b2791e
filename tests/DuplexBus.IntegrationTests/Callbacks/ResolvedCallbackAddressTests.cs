using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// An allowed host name is not enough: what it resolves to must be allowed too, or the name would be a way around
/// the network allow-list (localhost → 127.0.0.1 with no loopback network allowed).
/// </summary>
[Collection(nameof(RealServers))]
public sealed class ResolvedCallbackAddressTests(LoopbackNetworkRefusedHostFixture fixture) : IClassFixture<LoopbackNetworkRefusedHostFixture>
{
    [Fact]
    public async Task Host_name_that_resolves_to_a_refused_network_is_refused_at_StartWork()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var http = new HttpClient();
        var instance = Guid.NewGuid();
        var address = $"http://localhost:{receiver.Port}/cb";

        using var response = await http.PostAsync(
            new Uri(fixture.Host.BaseAddress, "/services/work"),
            CallbackSoap.Request(CallbackSoap.Soap12, CallbackSoap.Wsa10, CallbackSoap.StartWorkAction, CallbackSoap.StartWork(instance, 1), address));

        await CallbackAllowListTests.AssertRefusedAsync(fixture, response, instance, address);
        Assert.Empty(receiver.Requests);
    }
}
