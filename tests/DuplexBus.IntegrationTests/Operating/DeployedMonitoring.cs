using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DuplexBus.Testing;
using YamlDotNet.RepresentationModel;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>What the checked-in monitoring (deploy/) asks of the host: the dashboard's queries and the alert rules.</summary>
internal static partial class DeployedMonitoring
{
    public static string Dashboard => SolutionDirectory.File("deploy", "grafana", "dashboards", "duplexbus.json");

    public static string AlertRules => SolutionDirectory.File("deploy", "prometheus", "duplexbus-alerts.yml");

    public static string PrometheusConfig => SolutionDirectory.File("deploy", "prometheus", "prometheus.yml");

    public static string Compose => SolutionDirectory.File("docker-compose.yml");

    /// <summary>Every panel query of the dashboard.</summary>
    public static IReadOnlyList<string> DashboardQueries() =>
        JsonNode.Parse(File.ReadAllText(Dashboard))!["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]?.AsArray() ?? [])
            .Select(target => (string)target!["expr"]!)
            .ToList();

    /// <summary>Every alert rule: its name and expression.</summary>
    public static IReadOnlyList<(string Alert, string Expression)> Alerts() =>
        Yaml(AlertRules)["groups"].AllNodes.OfType<YamlMappingNode>()
            .Where(node => node.Children.ContainsKey("alert"))
            .Select(rule => (rule["alert"].ToString(), rule["expr"].ToString()))
            .ToList();

    /// <summary>The DuplexBus metric names a PromQL query reads (label names in selectors and groupings left out).</summary>
    public static IEnumerable<string> MetricNames(string query)
    {
        var bare = Selectors().Replace(Groupings().Replace(query, " "), " ");
        return Identifiers().Matches(bare).Select(m => m.Value).Where(name => name.StartsWith("duplexbus_", StringComparison.Ordinal));
    }

    public static YamlMappingNode Yaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"\b(by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Selectors();

    [GeneratedRegex(@"\b[a-zA-Z_:][a-zA-Z0-9_:]*\b")]
    private static partial Regex Identifiers();
}
