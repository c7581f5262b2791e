using System.Net;
using System.Text;
using DuplexBus.Edge.Security;
using DuplexBus.OperatorConsole;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DuplexBus.Tests.OperatorConsole;

public sealed class ConsoleAccessTests
{
    private static readonly string Hash = SecretHash.Create("right", iterations: 10_000);

    public static TheoryData<string, string?, bool, string?, int?> Cases => new()
    {
        // remote address, Authorization, AllowRemote, admitted as, else the status
        { "127.0.0.1", Basic("ops", "right"), false, "ops", null },
        { "::1", Basic("ops", "right"), false, "ops", null },
        { "10.1.2.3", Basic("ops", "right"), false, null, 404 },
        { "10.1.2.3", Basic("ops", "right"), true, "ops", null },
        { "127.0.0.1", Basic("ops", "wrong"), false, null, 401 },
        { "127.0.0.1", Basic("nobody", "right"), false, null, 401 },
        { "127.0.0.1", null, false, null, 401 },
        { "127.0.0.1", "Bearer abc", false, null, 401 },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Console_admits_only_an_administrator_from_an_allowed_address(string remote, string? authorization, bool allowRemote, string? admitted, int? status)
    {
        var options = new OperatorConsoleOptions { AllowRemote = allowRemote };
        options.Administrators["ops"] = Hash;
        var http = Request(remote, authorization);

        var who = await new ConsoleAccess(Options.Create(options), NullLogger<ConsoleAccess>.Instance).AdmitAsync(http);

        Assert.Equal(admitted, who);
        if (status is { } expected)
            Assert.Equal(expected, http.Response.StatusCode);
        if (status == 401)
            Assert.StartsWith("Basic realm=", http.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_without_an_administrator_lets_nobody_in_and_says_what_to_configure()
    {
        var http = Request("127.0.0.1", Basic("ops", "right"));

        var who = await new ConsoleAccess(Options.Create(new OperatorConsoleOptions()), NullLogger<ConsoleAccess>.Instance).AdmitAsync(http);

        Assert.Null(who);
        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        Assert.Contains("DuplexBus:Console:Administrators", await new StreamReader(http.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    private static DefaultHttpContext Request(string remote, string? authorization)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Response.Body = new MemoryStream();
        if (authorization is not null)
            http.Request.Headers.Authorization = authorization;
        return http;
    }

    private static string Basic(string name, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}"));
}
