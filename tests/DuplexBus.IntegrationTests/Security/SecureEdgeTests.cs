using System.Net;
using System.ServiceModel;
using System.ServiceModel.Security;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>
/// Authentication at the edge with the real WCF client over HTTPS: each credential type applies a one-way AddItem
/// end to end, and a wrong or missing credential fails the way WCF expects and stores nothing. One host serves
/// every part of this class (see <see cref="SecureHostFixture"/>).
/// </summary>
[Collection(nameof(RealServers))]
public sealed partial class SecureEdgeTests(SecureHostFixture fixture) : IClassFixture<SecureHostFixture>
{
    [Theory, MemberData(nameof(SecureBinding.Basic), MemberType = typeof(SecureBinding))]
    public async Task Basic_credentials_over_HTTPS_apply_AddItem(string binding)
    {
        using var client = new SecureWorkClient(fixture.Basic, binding, fixture.Certificates, SecureHostFixture.User, SecureHostFixture.Password);
        await AddTwoItemsAndSeeThemAppliedAsync(client);
    }

    [Theory, MemberData(nameof(SecureBinding.Basic), MemberType = typeof(SecureBinding))]
    public async Task Wrong_Basic_password_is_refused_with_401_and_stores_nothing(string binding)
    {
        var before = await fixture.CountStoredAsync();
        using var client = new SecureWorkClient(fixture.Basic, binding, fixture.Certificates, SecureHostFixture.User, "not-the-password");

        var refused = await Assert.ThrowsAsync<MessageSecurityException>(() => Task.Run(() => client.Channel.AddItem(Guid.NewGuid(), 1, "x")));

        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await fixture.CountStoredAsync());
    }

    [Fact]
    public async Task Request_without_credentials_gets_a_Basic_challenge_and_is_not_read()
    {
        var before = await fixture.CountStoredAsync();
        using var http = RawHttps();

        using var response = await http.PostAsync(fixture.Basic, WsSecurityEnvelopes.Content(WsSecurityEnvelopes.AddItem11(""), soap12: false));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Contains("realm=\"work\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.CountStoredAsync());
    }

    [Fact]
    public async Task Authenticating_endpoint_refuses_plain_HTTP()
    {
        var before = await fixture.CountStoredAsync();
        using var http = new HttpClient();
        var plain = new Uri(fixture.Host.BaseAddress, "/services/work");
        using var request = new HttpRequestMessage(HttpMethod.Post, plain) { Content = WsSecurityEnvelopes.Content(WsSecurityEnvelopes.AddItem11(""), soap12: false) };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{SecureHostFixture.User}:{SecureHostFixture.Password}")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await fixture.CountStoredAsync());
    }

    [Theory, MemberData(nameof(SecureBinding.UserName), MemberType = typeof(SecureBinding))]
    public async Task UsernameToken_over_HTTPS_applies_AddItem(string binding)
    {
        using var client = new SecureWorkClient(fixture.Token, binding, fixture.Certificates, SecureHostFixture.User, SecureHostFixture.Password);
        await AddTwoItemsAndSeeThemAppliedAsync(client);
    }

    [Theory, MemberData(nameof(SecureBinding.UserName), MemberType = typeof(SecureBinding))]
    public async Task Wrong_UsernameToken_password_gets_FailedAuthentication_and_stores_nothing(string binding)
    {
        var before = await fixture.CountStoredAsync();
        using var client = new SecureWorkClient(fixture.Token, binding, fixture.Certificates, SecureHostFixture.User, "not-the-password");

        var refused = await Assert.ThrowsAnyAsync<CommunicationException>(() => Task.Run(() => client.Channel.AddItem(Guid.NewGuid(), 1, "x")));

        // A one-way call (and a reliable session's CreateSequence) reports the fault as a ProtocolException that
        // quotes it; a request-reply call turns wsse:FailedAuthentication into SecurityAccessDeniedException.
        Assert.IsType<ProtocolException>(refused);
        Assert.Contains("could not be authenticated", refused.Message, StringComparison.Ordinal);
        if (!SecureBinding.IsReliable(binding))
        {
            using var reader = new SecureWorkClient(fixture.Token, binding, fixture.Certificates, SecureHostFixture.User, "not-the-password");
            await Assert.ThrowsAsync<SecurityAccessDeniedException>(() => Task.Run(() => reader.Channel.GetStatus(Guid.NewGuid())));
        }
        Assert.Equal(before, await fixture.CountStoredAsync());
    }

    [Theory]
    [InlineData("chained to the trusted issuer")]
    [InlineData("listed by thumbprint")]
    public async Task Accepted_client_certificate_applies_AddItem(string how)
    {
        var certificate = how == "listed by thumbprint" ? fixture.Certificates.ClientByThumbprint : fixture.Certificates.ClientByIssuer;
        using var client = new SecureWorkClient(fixture.Cert, SecureBinding.Certificate, fixture.Certificates, clientCertificate: certificate);
        await AddTwoItemsAndSeeThemAppliedAsync(client);
    }

    [Fact]
    public async Task Unknown_client_certificate_is_refused_with_403_and_stores_nothing()
    {
        var before = await fixture.CountStoredAsync();
        using var client = new SecureWorkClient(fixture.Cert, SecureBinding.Certificate, fixture.Certificates, clientCertificate: fixture.Certificates.Stranger);

        var refused = await Assert.ThrowsAsync<MessageSecurityException>(() => Task.Run(() => client.Channel.AddItem(Guid.NewGuid(), 1, "x")));

        Assert.Contains("forbidden", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await fixture.CountStoredAsync());
    }

    [Fact]
    public async Task Request_without_a_client_certificate_is_refused_with_403_where_one_is_required()
    {
        var before = await fixture.CountStoredAsync();
        using var http = RawHttps();

        using var response = await http.PostAsync(fixture.Cert, WsSecurityEnvelopes.Content(WsSecurityEnvelopes.AddItem11(""), soap12: false));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await fixture.CountStoredAsync());
    }

    private static async Task AddTwoItemsAndSeeThemAppliedAsync(SecureWorkClient client)
    {
        var instance = Guid.NewGuid();
        await Task.Run(() =>
        {
            client.Channel.AddItem(instance, 1, "first");
            client.Channel.AddItem(instance, 2, "second");
        });

        var status = await client.StatusWhenAsync(instance, s => s.ItemCount >= 2, "both items applied");
        Assert.Equal(2, status.ItemCount);
        Assert.True(status.InOrder, status.ToString());
    }

    private HttpClient RawHttps() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => fixture.Certificates.IsServer(certificate) },
    });
}
