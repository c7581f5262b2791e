using System.Text.Json;
using DuplexBus.IntegrationTests.Callbacks;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// The metrics an operator reads: /metrics in Prometheus text on a production host, the operational gauges with real
/// rows behind them, and the checked-in dashboard and alert rules run by a real Prometheus against that host.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class MetricsTests(OperatingHostFixture fixture) : IClassFixture<OperatingHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_metric_the_dashboard_and_the_alert_rules_name_is_exported()
    {
        var named = DeployedMonitoring.DashboardQueries().Concat(DeployedMonitoring.Alerts().Select(a => a.Expression))
            .SelectMany(DeployedMonitoring.MetricNames).ToHashSet(StringComparer.Ordinal);
        Assert.True(named.Count >= 15, string.Join(", ", named));
        // A histogram is exported once it has a measurement: one call and its callback give every one of them.
        await CallBackOnceAsync();

        var missing = await Eventually.Until(
            async () => string.Join(", ", named.Except(await ExportedNamesAsync()).Order()),
            names => names.Length == 0, Patience, "every metric the dashboard and the alert rules name in /metrics (last value: those missing)");

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_gauges_report_a_parked_message_and_a_dead_callback_from_the_database()
    {
        var before = await ScrapeAsync();
        Assert.Contains(before, s => s.Name == "duplexbus_rm_sequence_open_count" || s.Name == "duplexbus_outbox_unsent_count");
        await Sql.ExecuteAsync(fixture.ConnectionString, ParkOne);
        await Sql.ExecuteAsync(fixture.ConnectionString, DeadLetterOne);

        var after = await Eventually.Until(ScrapeAsync,
            s => Value(s, "duplexbus_parked_count") >= 1 && Value(s, "duplexbus_callback_dead_lettered_count") >= 1, Patience,
            "the parked message and the dead callback counted");

        Assert.Equal(await Sql.ScalarAsync(fixture.ConnectionString, "SELECT count(*) FROM parked_message"), Value(after, "duplexbus_parked_count"));
        Assert.Equal(await Sql.ScalarAsync(fixture.ConnectionString, "SELECT count(*) FROM callback_message WHERE state = 2"),
            Value(after, "duplexbus_callback_dead_lettered_count"));
    }

    [Fact]
    public async Task Prometheus_loads_the_alert_rules_answers_every_dashboard_query_and_fires_on_a_parked_message()
    {
        Assert.True(File.Exists(PrometheusServer.Binary), "Debian's prometheus package is not installed (test.sh installs it)");
        await CallBackOnceAsync();
        await using var prometheus = await PrometheusServer.StartAsync(fixture.Host.BaseAddress);

        var rules = await Eventually.Until(() => prometheus.GetAsync("api/v1/rules"),
            data => Rules(data).All(r => r.GetProperty("health").GetString() == "ok"), Patience, "every alert rule evaluated");
        Assert.Equal(DeployedMonitoring.Alerts().Select(a => a.Alert).Order(), Rules(rules).Select(r => r.GetProperty("name").GetString()!).Order());

        foreach (var query in DeployedMonitoring.DashboardQueries())
        {
            // Each answers without an error; one over a gauge or a counter has a series (histograms need traffic in the window).
            var data = await Eventually.Until(() => prometheus.QueryAsync(query), d => d.GetProperty("result").GetArrayLength() > 0 || query.Contains("histogram_quantile", StringComparison.Ordinal),
                Patience, query);
            Assert.Equal("vector", data.GetProperty("resultType").GetString());
        }

        await Sql.ExecuteAsync(fixture.ConnectionString, ParkOne);
        var alerts = await Eventually.Until(() => prometheus.GetAsync("api/v1/alerts"),
            data => data.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "DuplexBusMessagesParked"),
            Patience, "DuplexBusMessagesParked pending or firing");
        Assert.Contains(alerts.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("state").GetString() is "pending" or "firing");
    }

    [Fact]
    public async Task Promtool_accepts_the_checked_in_rules_and_configuration()
    {
        Assert.True(File.Exists(PrometheusServer.Tool), "Debian's prometheus package is not installed (test.sh installs it)");
        var rules = await ServerTools.RunAsync(PrometheusServer.Tool, ["check", "rules", DeployedMonitoring.AlertRules], TimeSpan.FromSeconds(30));
        Assert.True(rules.Succeeded, rules.Output);

        var folder = Directory.CreateTempSubdirectory("duplexbus-promtool-");
        try
        {
            var configuration = PrometheusServer.ConfigurationFor(new Uri("http://host:8080/"), folder.FullName);
            var config = await ServerTools.RunAsync(PrometheusServer.Tool, ["check", "config", configuration], TimeSpan.FromSeconds(30));
            Assert.True(config.Succeeded, config.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_first_start_on_an_empty_database_logs_no_failure()
    {
        Assert.Contains(fixture.StartOutput, line => line.Contains("Applied", StringComparison.Ordinal) && line.Contains("migrations", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.StartOutput, line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
    }

    private const string ParkOne = """
        INSERT INTO parked_message (id, source, message_id, message_type, body, reason, parked_at)
        VALUES (gen_random_uuid(), 'outbox', gen_random_uuid(), 'urn:test', '{}', 'a test parked it', now())
        """;

    private const string DeadLetterOne = """
        INSERT INTO callback_message (id, address, soap_version, addressing_version, action, headers, body, echo_activity_id,
                                      state, attempts, next_attempt_at, created_at, window_started_at)
        VALUES (gen_random_uuid(), 'http://127.0.0.1:9/cb', '1.2', '1.0', 'urn:test/Done', '', '<Done/>', false, 2, 9, now(), now(), now())
        """;

    private static IEnumerable<JsonElement> Rules(JsonElement data) =>
        data.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray());

    private async Task CallBackOnceAsync()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        await client.StartWorkAsync(Guid.NewGuid(), 1, receiver.Address);
        await receiver.WaitForAsync(1, Patience);
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        return PrometheusSample.Parse(await http.GetStringAsync("metrics"));
    }

    private async Task<HashSet<string>> ExportedNamesAsync() => (await ScrapeAsync()).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name) =>
        samples.Where(s => s.Name == name).Select(s => s.Value).DefaultIfEmpty(double.NaN).Max();
}
