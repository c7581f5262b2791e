using System.Globalization;

namespace DuplexBus.Host;

/// <summary>
/// The RabbitMQ nodes the bus connects to, in the order it tries them: the node of <c>ConnectionStrings:RabbitMq</c>
/// first, then the other members of its cluster from <see cref="Key"/>. Empty when no other node is configured, so a
/// single broker is reached exactly as before.
/// </summary>
internal static class RabbitMqClusterNodes
{
    public const string Key = "DuplexBus:RabbitMq:ClusterNodes";

    private const int AmqpPort = 5672;
    private const int AmqpsPort = 5671;

    /// <summary>
    /// Reads <see cref="Key"/> as a list (<c>ClusterNodes:0</c>, <c>ClusterNodes:1</c>, …) or one comma-separated value,
    /// each entry <c>host</c> or <c>host:port</c>; a node without a port takes the URI's. Every node comes back as
    /// <c>host:port</c>, because with a cluster configured MassTransit connects only to the listed nodes (never to the
    /// URI's host), and takes a missing port from the URI.
    /// </summary>
    public static IReadOnlyList<string> From(Uri broker, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Key);
        var entries = section.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        if (entries.Length == 0)
            return [];

        var defaultPort = broker.Port > 0 ? broker.Port : broker.Scheme == "amqps" ? AmqpsPort : AmqpPort;
        var nodes = new List<string> { Format(broker.Host, defaultPort) };
        foreach (var entry in entries)
        {
            var node = Parse(entry, defaultPort);
            if (!nodes.Contains(node, StringComparer.OrdinalIgnoreCase))
                nodes.Add(node);
        }

        return nodes;
    }

    private static string Parse(string entry, int defaultPort)
    {
        // MassTransit splits a node address at ':' (ClusterNode.Parse), so neither a scheme nor an IPv6 literal fits.
        var parts = entry.Split(':');
        if (parts.Length > 2 || parts[0].Length == 0 || entry.Contains('/', StringComparison.Ordinal)
            || Uri.CheckHostName(parts[0]) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            throw new InvalidOperationException(
                $"{Key}: '{entry}' is not a node address; use host or host:port (a name or an IPv4 address).");
        }

        if (parts.Length == 1)
            return Format(parts[0], defaultPort);
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new InvalidOperationException($"{Key}: '{entry}' has no valid port (1–65535).");
        return Format(parts[0], port);
    }

    private static string Format(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
}
