using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Wcf;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// Context exchange routes a call: the Context header (wsHttpContextBinding) or the WscContext cookie
/// (basicHttpContextBinding) names the instance, whatever the body says; a client without one is given its
/// instance's context; a malformed context is a fault and stores nothing.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class ContextRoutingTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>, IDisposable
{
    // No cookie container: a test sends exactly the Cookie header it writes.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false });
    private readonly WorkClient _client = CallbackClients.Create(fixture.Host.BaseAddress);

    private Uri Service => new(fixture.Host.BaseAddress, "/services/work");

    [Fact]
    [Trait("Spec", "PROTOCOLS 4")]
    public async Task Context_header_sends_an_AddItem_to_its_instance_not_to_the_body_one()
    {
        var (inBody, inContext) = (Guid.NewGuid(), Guid.NewGuid());

        using var response = await _http.PostAsync(Service, CallbackSoap.Request(
            CallbackSoap.Soap12, CallbackSoap.Wsa10, CallbackSoap.AddItemAction, CallbackSoap.AddItem(inBody, 1),
            headers: CallbackSoap.ContextElement(("instanceId", inContext.ToString()))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await AssertAppliedToContextInstanceAsync(inBody, inContext);
    }

    [Fact]
    [Trait("Spec", "PROTOCOLS 4")]
    public async Task WscContext_cookie_sends_an_AddItem_to_its_instance_not_to_the_body_one()
    {
        var (inBody, inContext) = (Guid.NewGuid(), Guid.NewGuid());
        using var request = PlainAddItem(inBody, 1);
        request.Headers.Add("Cookie", "WscContext=" + CallbackSoap.CookieValue(CallbackSoap.ContextElement(("instanceId", inContext.ToString()))));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await AssertAppliedToContextInstanceAsync(inBody, inContext);
    }

    [Fact]
    [Trait("Spec", "PROTOCOLS 4")]
    public async Task Call_without_a_context_is_given_a_WscContext_cookie_that_routes_later_calls_to_its_instance()
    {
        var (first, other) = (Guid.NewGuid(), Guid.NewGuid());
        using var firstRequest = PlainAddItem(first, 1);

        using var response = await _http.SendAsync(firstRequest);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var match = Regex.Match(setCookie, "^WscContext=\"([A-Za-z0-9+/=]+)\";Path=/services/work$");
        Assert.True(match.Success, setCookie);
        var bytes = Convert.FromBase64String(match.Groups[1].Value);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var context = XElement.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(CallbackSoap.Context + "Context", context.Name);
        Assert.Equal(first.ToString(), CallbackSoap.Properties(context)["instanceId"]);

        using var second = PlainAddItem(other, 2);
        second.Headers.Add("Cookie", "WscContext=\"" + match.Groups[1].Value + "\"");
        using var secondResponse = await _http.SendAsync(second);
        Assert.Equal(HttpStatusCode.Accepted, secondResponse.StatusCode);
        Assert.False(secondResponse.Headers.Contains("Set-Cookie"), "a client that holds a context is not given another");

        var status = await _client.StatusWhenAsync(first, s => s.ItemCount >= 2, "both items applied to the first instance");
        Assert.Equal(2, status.ItemCount);
        Assert.True(status.InOrder, status.ToString());
        Assert.Equal("None", (await Task.Run(() => _client.Channel.GetStatus(other))).State);
    }

    [Theory]
    [InlineData("Context header with a Property without a name")]
    [InlineData("Context header with a foreign element")]
    [InlineData("WscContext cookie that is not base64")]
    public async Task Malformed_context_gets_a_fault_and_stores_nothing(string malformation)
    {
        var instance = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, Service);
        switch (malformation)
        {
            case "Context header with a Property without a name":
                request.Content = CallbackSoap.Request(
                    CallbackSoap.Soap12, CallbackSoap.Wsa10, CallbackSoap.AddItemAction, CallbackSoap.AddItem(instance, 1),
                    headers: new XElement(CallbackSoap.Context + "Context", new XElement(CallbackSoap.Context + "Property", Guid.NewGuid())));
                break;
            case "Context header with a foreign element":
                request.Content = CallbackSoap.Request(
                    CallbackSoap.Soap12, CallbackSoap.Wsa10, CallbackSoap.AddItemAction, CallbackSoap.AddItem(instance, 1),
                    headers: new XElement(CallbackSoap.Context + "Context", new XElement("instanceId", Guid.NewGuid())));
                break;
            default:
                request.Content = CallbackSoap.Request(CallbackSoap.Soap11, null, CallbackSoap.AddItemAction, CallbackSoap.AddItem(instance, 1));
                request.Headers.Add("Cookie", "WscContext=\"not*base64\"");
                break;
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var envelope = XElement.Parse(await response.Content.ReadAsStringAsync());
        var code = CallbackSoap.FaultCodes(envelope)[0];
        Assert.Contains(code, new[] { CallbackSoap.Soap12 + "Sender", CallbackSoap.Soap11 + "Client" });
        // The edge commits before it answers 202, so after a fault nothing about the instance may be there.
        Assert.Equal(0, await fixture.OutboxRowsAboutAsync(instance));
        Assert.Equal("None", (await Task.Run(() => _client.Channel.GetStatus(instance))).State);
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private HttpRequestMessage PlainAddItem(Guid instance, int index) =>
        new(HttpMethod.Post, Service) { Content = CallbackSoap.Request(CallbackSoap.Soap11, null, CallbackSoap.AddItemAction, CallbackSoap.AddItem(instance, index)) };

    private async Task AssertAppliedToContextInstanceAsync(Guid inBody, Guid inContext)
    {
        var status = await _client.StatusWhenAsync(inContext, s => s.ItemCount >= 1, "the item applied to the context's instance");
        Assert.Equal(1, status.ItemCount);
        Assert.Equal("None", (await Task.Run(() => _client.Channel.GetStatus(inBody))).State);
    }
}
