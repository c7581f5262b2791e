using DuplexBus.Edge.Security;
using DuplexBus.IntegrationTests.Callbacks;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>A callback host (fast retries, a callback given up after its first refusal) with one console administrator.</summary>
public sealed class ConsoleHostFixture(ServersFixture servers) : CallbackHostFixture(servers)
{
    public const string Administrator = "ops";
    public const string Password = "console-test-password";

    public static string Authorization => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Administrator}:{Password}"));

    protected override void Configure(IDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment[$"DuplexBus__Console__Administrators__{Administrator}"] = SecretHash.Create(Password, iterations: 10_000);
        environment["DuplexBus__Gauges__RefreshInterval"] = "00:00:01";
    }
}
