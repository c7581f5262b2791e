using System.Text.Json.Nodes;
using DuplexBus.Testing;
using YamlDotNet.RepresentationModel;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// The compose file's monitoring profile, checked statically (no Docker engine here): every file it mounts is in the
/// repository, and the names that tie host, Prometheus and Grafana together agree with each other.
/// </summary>
public sealed class ComposeMonitoringTests
{
    private static readonly YamlMappingNode Services = (YamlMappingNode)DeployedMonitoring.Yaml(DeployedMonitoring.Compose)["services"];

    [Theory]
    [InlineData("prometheus")]
    [InlineData("grafana")]
    public void A_monitoring_service_runs_only_in_the_monitoring_profile_and_mounts_files_of_the_repository(string service)
    {
        var definition = (YamlMappingNode)Services[service];
        Assert.Equal(["monitoring"], ((YamlSequenceNode)definition["profiles"]).Select(p => p.ToString()));
        var mounts = Mounts(service);
        Assert.NotEmpty(mounts);
        foreach (var (source, _) in mounts)
            Assert.True(File.Exists(SolutionDirectory.File(source)) || Directory.Exists(SolutionDirectory.File(source)), source);
    }

    [Fact]
    public void Prometheus_scrapes_the_host_service_on_its_container_port_and_loads_the_mounted_rules()
    {
        var config = DeployedMonitoring.Yaml(DeployedMonitoring.PrometheusConfig);
        var mounts = Mounts("prometheus").ToDictionary(m => m.Target, m => m.Source);
        Assert.Equal("./deploy/prometheus/prometheus.yml", mounts["/etc/prometheus/prometheus.yml"]);
        foreach (var rules in (YamlSequenceNode)config["rule_files"])
            Assert.Equal("./deploy/prometheus/duplexbus-alerts.yml", mounts[rules.ToString()]);

        var job = (YamlMappingNode)((YamlSequenceNode)config["scrape_configs"])[0];
        Assert.Equal("/metrics", job["metrics_path"].ToString());
        var target = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)job["static_configs"])[0])["targets"])[0].ToString();
        var (service, port) = (target.Split(':')[0], target.Split(':')[1]);
        Assert.True(Services.Children.ContainsKey(service), target);
        Assert.Contains($"EXPOSE {port}", File.ReadAllText(SolutionDirectory.File("src", "DuplexBus.Host", "Dockerfile")), StringComparison.Ordinal);
        Assert.Contains("duplexbus", job["job_name"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Grafana_provisions_the_prometheus_service_as_the_datasource_the_dashboard_names()
    {
        var mounts = Mounts("grafana").ToDictionary(m => m.Target, m => m.Source);
        var provisioning = SolutionDirectory.File(mounts["/etc/grafana/provisioning"]);
        var datasource = (YamlMappingNode)((YamlSequenceNode)DeployedMonitoring.Yaml(Path.Combine(provisioning, "datasources", "prometheus.yml"))["datasources"])[0];
        Assert.Equal("http://prometheus:9090", datasource["url"].ToString());
        Assert.True(Services.Children.ContainsKey("prometheus"));

        var provider = (YamlMappingNode)((YamlSequenceNode)DeployedMonitoring.Yaml(Path.Combine(provisioning, "dashboards", "duplexbus.yml"))["providers"])[0];
        var dashboards = ((YamlMappingNode)provider["options"])["path"].ToString();
        Assert.Equal("./deploy/grafana/dashboards", mounts[dashboards]);

        var uids = JsonNode.Parse(File.ReadAllText(DeployedMonitoring.Dashboard))!["panels"]!.AsArray()
            .Where(p => p!["datasource"] is not null).Select(p => (string)p!["datasource"]!["uid"]!).Distinct();
        Assert.Equal([datasource["uid"].ToString()], uids);
    }

    private static List<(string Source, string Target)> Mounts(string service) =>
        ((YamlSequenceNode)((YamlMappingNode)Services[service])["volumes"])
            .Select(v => v.ToString().Split(':'))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
}
