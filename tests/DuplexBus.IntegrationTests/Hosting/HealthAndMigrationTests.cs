using System.Net;
using System.Text.Json;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Hosting;

/// <summary>Readiness tells the truth about the database and the schema, and <c>migrate</c> fixes the schema.</summary>
[Collection(nameof(RealServers))]
public sealed class HealthAndMigrationTests(ServersFixture servers)
{
    [Fact]
    public async Task Host_without_migrations_at_startup_is_live_but_not_ready_until_migrate_runs()
    {
        var options = new HostProcessOptions { ReadyPath = "health/live" };
        options.Environment["ConnectionStrings__DuplexBus"] = await servers.CreateDatabaseAsync("migrate");
        options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync("migrate");
        options.Environment["DuplexBus__Database__MigrateAtStartup"] = "false";
        await using var host = await HostProcess.StartAsync(options);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var (status, body) = await Eventually.Until(
            () => GetAsync(http, "health/ready"),
            r => r.Body.RootElement.GetProperty("checks").TryGetProperty("masstransit-bus", out var bus) && bus.GetProperty("status").GetString() == "Healthy",
            TimeSpan.FromSeconds(30),
            "the bus started while the schema is still missing");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Contains("pending", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);

        var result = await ServerTools.RunAsync(
            "dotnet",
            [HostDllLocator.Locate(), "migrate"],
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string>(options.Environment),
            workingDirectory: host.WorkingDirectory);
        Assert.True(result.Succeeded, result.Output);
        Assert.Matches(@"Applied \d+ migrations", result.Output);

        var ready = await Eventually.Until(() => GetAsync(http, "health/ready"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready after migrate");
        Assert.Equal("Healthy", ready.Body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_answers_even_when_the_database_is_unreachable()
    {
        var options = new HostProcessOptions { ReadyPath = "health/live" };
        options.Environment["ConnectionStrings__DuplexBus"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Database=none;Timeout=2";
        options.Environment["DuplexBus__Database__MigrateAtStartup"] = "false";
        await using var host = await HostProcess.StartAsync(options);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var live = await GetAsync(http, "health/live");
        var ready = await GetAsync(http, "health/ready");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", live.Body.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("database unreachable", ready.Body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonDocument Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }
}
