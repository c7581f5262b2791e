using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DuplexBus.Testing;
using DuplexBus.Testing.Proxy;

namespace DuplexBus.IntegrationTests.Proxy;

/// <summary>The lossy proxy against an in-process echo target: it forwards faithfully, and misbehaves only as its seed says.</summary>
public sealed class LossyProxyTests : IAsyncLifetime, IDisposable
{
    private const string Envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Ping xmlns=\"urn:t\">é</Ping></s:Body></s:Envelope>";

    // One connection per request: a pooled connection that the proxy aborts would make HttpClient resend the request
    // on a new one by itself, and the proxy would see (and decide on) it twice.
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private EchoTarget target = null!;

    public async Task InitializeAsync() => target = await EchoTarget.StartAsync();

    public async Task DisposeAsync() => await target.DisposeAsync();

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Forwarding_preserves_method_path_query_headers_body_and_status()
    {
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions());
        using var request = Soap11(new Uri(proxy.BaseAddress, "/services/work?status=201&x=a%20b"), "urn:t/Ping");
        request.Headers.Add("X-Custom", "kept");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("POST", Header(response, "X-Echo-Method"));
        Assert.Equal("/services/work?status=201&x=a%20b", Header(response, "X-Echo-Path"));
        Assert.Equal("\"urn:t/Ping\"", Header(response, "X-Echo-SOAPAction"));
        Assert.Equal("kept", Header(response, "X-Echo-Custom"));
        Assert.Equal(proxy.BaseAddress.Authority, Header(response, "X-Echo-Host"));
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(Envelope, await response.Content.ReadAsStringAsync());
        Assert.Equal([Envelope], target.Bodies);
        Assert.Equal(1, proxy.Forwarded);
        Assert.Equal(["#1 forward: POST /services/work?status=201&x=a%20b urn:t/Ping"], proxy.Log);
    }

    [Fact]
    public async Task Forwarding_preserves_an_empty_202_and_a_bodiless_GET()
    {
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions());

        using var accepted = await client.SendAsync(Soap11(new Uri(proxy.BaseAddress, "/w?status=202"), "urn:t/Ping"));
        using var get = await client.GetAsync(new Uri(proxy.BaseAddress, "/health/ready?status=503"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Equal("GET", Header(get, "X-Echo-Method"));
        Assert.Equal("", await get.Content.ReadAsStringAsync());
        Assert.Equal(2, target.Requests);
    }

    [Fact]
    public async Task DropRequest_never_reaches_the_target_and_the_client_sees_a_broken_connection()
    {
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions { DropRequest = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Soap11(new Uri(proxy.BaseAddress, "/w"), "urn:t/Ping")));

        Assert.Equal(0, target.Requests);
        Assert.Equal((1, 0), (proxy.DroppedRequests, proxy.Forwarded));
        Assert.Equal(["#1 drop-request: POST /w urn:t/Ping"], proxy.Log);
    }

    [Fact]
    public async Task DropReply_reaches_the_target_but_the_client_sees_a_broken_connection()
    {
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions { DropReply = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Soap11(new Uri(proxy.BaseAddress, "/w"), "urn:t/Ping")));

        Assert.Equal(1, target.Requests);
        Assert.Equal((1, 1), (proxy.DroppedReplies, proxy.Forwarded));
    }

    [Fact]
    public async Task Duplicate_reaches_the_target_twice_and_the_client_gets_one_reply()
    {
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions { Duplicate = 1 });

        using var response = await client.SendAsync(Soap11(new Uri(proxy.BaseAddress, "/w"), "urn:t/Ping"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Envelope, await response.Content.ReadAsStringAsync());
        Assert.Equal([Envelope, Envelope], target.Bodies);
        Assert.Equal((1, 1), (proxy.Duplicated, proxy.Forwarded));
    }

    [Fact]
    public async Task Delay_holds_the_request_and_then_forwards_it()
    {
        await using var proxy = await LossyProxy.StartAsync(
            target.BaseAddress, new LossyProxyOptions { Delay = 1, MaxDelay = TimeSpan.FromMilliseconds(50) });

        using var response = await client.SendAsync(Soap11(new Uri(proxy.BaseAddress, "/w"), "urn:t/Ping"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), (proxy.Delayed, target.Requests));
        Assert.Matches(@"^#1 forward, delay \d+ms: ", proxy.Log.Single());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_decisions_for_the_same_requests()
    {
        var first = await DecisionsAsync(seed: 7);
        var again = await DecisionsAsync(seed: 7);
        var other = await DecisionsAsync(seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(first, line => line.Contains("drop-request", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains("drop-reply", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains("duplicate", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains("delay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_more_drops_in_a_row_than_MaxConsecutiveFailures()
    {
        await using var proxy = await LossyProxy.StartAsync(
            target.BaseAddress, new LossyProxyOptions { DropRequest = 1, MaxConsecutiveFailures = 2 });

        var outcomes = new List<bool>();
        for (var i = 0; i < 7; i++)
            outcomes.Add(await SucceedsAsync(proxy, "urn:t/Ping"));

        Assert.Equal([false, false, true, false, false, true, false], outcomes);
        Assert.Equal(2, target.Requests);
        Assert.EndsWith("#3 forward, drop withheld: POST /w urn:t/Ping", proxy.Log[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_that_Applies_rejects_pass_untouched_and_draw_no_decision()
    {
        await using var proxy = await LossyProxy.StartAsync(
            target.BaseAddress,
            new LossyProxyOptions { DropRequest = 1, MaxConsecutiveFailures = 10, Applies = r => r.Action == "urn:t/Lose" });

        Assert.True(await SucceedsAsync(proxy, "urn:t/Keep"));
        Assert.False(await SucceedsAsync(proxy, "urn:t/Lose"));
        Assert.True(await SucceedsAsync(proxy, "urn:t/Keep"));

        Assert.Equal(["#1 drop-request: POST /w urn:t/Lose"], proxy.Log);
        Assert.Equal(2, target.Requests);
    }

    [Fact]
    public async Task The_action_of_SOAP_1_2_comes_from_the_Content_Type()
    {
        HttpRequestInfo? seen = null;
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions
        {
            Applies = r =>
            {
                seen = r;
                return false;
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxy.BaseAddress, "/w"))
        {
            Content = new StringContent(Envelope, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8; action=\"urn:t/Soap12\"");

        using var response = await client.SendAsync(request);

        Assert.Equal("urn:t/Soap12", seen!.Action);
        Assert.Equal(Envelope, seen.Body);
    }

    [Fact]
    public async Task Pause_holds_requests_until_Resume_and_then_forwards_them()
    {
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions());
        proxy.Pause();

        var pending = client.SendAsync(Soap11(new Uri(proxy.BaseAddress, "/w"), "urn:t/Ping"));
        await Eventually.Until(() => Task.FromResult(proxy.Held), held => held == 1, TimeSpan.FromSeconds(10), "the request is held");
        Assert.False(pending.IsCompleted);
        Assert.Equal(0, target.Requests);

        proxy.Resume();
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 0), (target.Requests, proxy.Held));
    }

    private async Task<IReadOnlyList<string>> DecisionsAsync(int seed)
    {
        await using var proxy = await LossyProxy.StartAsync(target.BaseAddress, new LossyProxyOptions
        {
            Seed = seed,
            DropRequest = 0.2,
            DropReply = 0.2,
            Duplicate = 0.2,
            Delay = 0.3,
            MaxDelay = TimeSpan.FromMilliseconds(20),
        });
        for (var i = 0; i < 30; i++)
            await SucceedsAsync(proxy, "urn:t/Ping");
        return proxy.Log;
    }

    private async Task<bool> SucceedsAsync(LossyProxy proxy, string action)
    {
        try
        {
            using var response = await client.SendAsync(Soap11(new Uri(proxy.BaseAddress, "/w"), action));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static HttpRequestMessage Soap11(Uri uri, string action)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(Envelope, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
        request.Content.Headers.Add("SOAPAction", $"\"{action}\"");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));
}
