using System.Net;
using System.Xml.Linq;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A callback address outside the allow-list (loopback only here) is refused when StartWork names it: a WS-Addressing
/// InvalidAddress fault, and nothing stored, so the server never calls it.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackAllowListTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    [Theory]
    [InlineData("ReplyTo", "http://169.254.169.254/latest/")]
    [InlineData("ReplyTo", "http://10.0.0.5/cb")]
    [InlineData("ReplyTo", "http://example.com/cb")]
    [InlineData("CallbackContext", "http://169.254.169.254/latest/")]
    public async Task Callback_address_outside_the_allow_list_is_refused_at_StartWork_and_nothing_is_stored(string form, string address)
    {
        using var http = new HttpClient();
        var instance = Guid.NewGuid();
        var request = form == "ReplyTo"
            ? CallbackSoap.Request(CallbackSoap.Soap12, CallbackSoap.Wsa10, CallbackSoap.StartWorkAction, CallbackSoap.StartWork(instance, 1), address)
            : CallbackSoap.Request(CallbackSoap.Soap12, CallbackSoap.Wsa10, CallbackSoap.StartWorkAction, CallbackSoap.StartWork(instance, 1), null, CallbackSoap.CallbackContextHeader(address));

        using var response = await http.PostAsync(new Uri(fixture.Host.BaseAddress, "/services/work"), request);

        await AssertRefusedAsync(fixture, response, instance, address);
    }

    /// <summary>The fault PROTOCOLS.md names for a refused callback address, and no trace of the call in the store.</summary>
    internal static async Task AssertRefusedAsync(CallbackHostFixture fixture, HttpResponseMessage response, Guid instance, string address)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var envelope = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            [CallbackSoap.Soap12 + "Sender", CallbackSoap.Wsa10 + "InvalidAddressingHeader", CallbackSoap.Wsa10 + "InvalidAddress"],
            CallbackSoap.FaultCodes(envelope));
        Assert.Contains(address, envelope.Descendants(CallbackSoap.Soap12 + "Text").Single().Value, StringComparison.Ordinal);

        // The edge commits before it answers 202, so after a fault nothing about the instance may be there.
        Assert.Equal(0, await fixture.OutboxRowsAboutAsync(instance));
        Assert.Empty(await fixture.CallbacksOfAsync(instance));
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        Assert.Equal("None", (await Task.Run(() => client.Channel.GetStatus(instance))).State);
    }
}
