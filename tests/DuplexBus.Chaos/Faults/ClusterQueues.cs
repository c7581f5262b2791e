using System.Text.Json;
using DuplexBus.Testing;

namespace DuplexBus.Chaos.Faults;

/// <summary>A quorum queue and where its replicas are, from <c>rabbitmqctl list_queues</c>.</summary>
internal sealed record QuorumQueue(string Name, string? Leader, IReadOnlyList<string> Members, IReadOnlyList<string> Online);

/// <summary>Where a virtual host's quorum queues lead and which node holds its clients' connections, asked of a cluster.</summary>
internal static class ClusterQueues
{
    public static async Task<IReadOnlyList<QuorumQueue>> QuorumQueuesAsync(LocalRabbitMqCluster cluster, string virtualHost)
    {
        using var json = await JsonAsync(cluster, "list_queues", "-p", virtualHost, "name", "type", "leader", "members", "online").ConfigureAwait(false);
        return
        [
            .. json.RootElement.EnumerateArray()
                .Where(q => q.TryGetProperty("type", out var type) && type.ToString() == "quorum")
                .Select(q => new QuorumQueue(
                    q.GetProperty("name").ToString(),
                    q.TryGetProperty("leader", out var leader) ? leader.ToString() : null,
                    Names(q, "members"),
                    Names(q, "online"))),
        ];
    }

    /// <summary>
    /// How many of the virtual host's client connections each node holds, by node index. rabbitmqctl names no node
    /// for a connection, but its <c>port</c> is the listener it came in on, and every node has its own.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, int>> ConnectionsByNodeAsync(LocalRabbitMqCluster cluster, string virtualHost)
    {
        using var json = await JsonAsync(cluster, "list_connections", "vhost", "port").ConfigureAwait(false);
        var byPort = Enumerable.Range(0, cluster.Count).ToDictionary(cluster.Port);
        return json.RootElement.EnumerateArray()
            .Where(c => c.GetProperty("vhost").ToString() == virtualHost)
            .Select(c => byPort.GetValueOrDefault(c.GetProperty("port").GetInt32(), -1))
            .GroupBy(node => node)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    private static IReadOnlyList<string> Names(JsonElement queue, string property) =>
        queue.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(n => n.ToString())]
            : [];

    private static async Task<JsonDocument> JsonAsync(LocalRabbitMqCluster cluster, params string[] arguments)
    {
        var result = await cluster.ControlAsync([.. arguments, "--formatter", "json"]).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException($"`{result.CommandLine}` exited with code {result.ExitCode}: {result.Output.Trim()}");
        var start = result.Output.IndexOf('[', StringComparison.Ordinal);
        return JsonDocument.Parse(start < 0 ? "[]" : result.Output[start..]);
    }
}
