using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DuplexBus.Testing;

/// <summary>
/// A private RabbitMQ cluster of <see cref="LocalRabbitMq"/> nodes sharing one Erlang cookie: the first node as
/// started, each other one reset and joined to it. Quorum queues declared once it is formed have a member on every
/// node. One node may be killed (SIGKILL of its Erlang VM) and started again, when it rejoins from its own data.
/// Disposing stops every node and deletes its folder.
/// </summary>
public sealed class LocalRabbitMqCluster : IRabbitMqControl
{
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyList<LocalRabbitMq> nodes;

    private LocalRabbitMqCluster(IReadOnlyList<LocalRabbitMq> nodes, TimeSpan startupTime)
    {
        this.nodes = nodes;
        Server = new RabbitMqServer(
            ServerSource.LocalProcess, nodes[0].AmqpUri, nodes[0].Port, this, startupTime,
            $"RabbitMQ private cluster of {nodes.Count} nodes ({string.Join(", ", nodes.Select(n => $"{n.NodeName} on 127.0.0.1:{n.Port}"))})");
    }

    /// <summary>The cluster as the tests' broker type: <c>rabbitmqctl</c> goes to a running node; start starts every node that is down.</summary>
    public RabbitMqServer Server { get; }

    public int Count => nodes.Count;

    public static async Task<LocalRabbitMqCluster> StartNewAsync(int size = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        var clock = Stopwatch.StartNew();
        var cookie = LocalRabbitMq.NewCookie();
        var starting = Enumerable.Range(0, size).Select(_ => LocalRabbitMq.StartNewAsync(cookie)).ToList();
        try
        {
            await Task.WhenAll(starting).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw;
        }

        List<LocalRabbitMq> started = [.. starting.Select(t => t.Result)];
        try
        {
            await FormAsync(started).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(started.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw;
        }

        return new LocalRabbitMqCluster(started, clock.Elapsed);
    }

    /// <summary>amqp://guest:guest@127.0.0.1:port/ of one node's default virtual host.</summary>
    public string AmqpUri(int node) => nodes[node].AmqpUri;

    /// <summary>127.0.0.1:port of one node's AMQP listener.</summary>
    public string Address(int node) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port(node)}");

    public string NodeName(int node) => nodes[node].NodeName;

    /// <summary>One node's AMQP port: which node a client connection is on (rabbitmqctl's <c>port</c> of it).</summary>
    public int Port(int node) => nodes[node].Port;

    /// <summary>The index of the node with that Erlang node name, or -1.</summary>
    public int IndexOf(string nodeName) => nodes.ToList().FindIndex(n => n.NodeName == nodeName);

    public bool IsRunning(int node) => nodes[node].IsRunning;

    /// <summary>SIGKILL of one node's Erlang VM, found by its pid file; returns the pid it killed.</summary>
    public async Task<int?> KillAsync(int node)
    {
        var pid = nodes[node].BeamProcessId;
        await nodes[node].KillAsync().ConfigureAwait(false);
        return pid;
    }

    /// <summary>Starts one node again on its ports and data; it rejoins the cluster. Returns once it takes AMQP clients.</summary>
    public Task StartAsync(int node) => nodes[node].StartAsync();

    /// <summary>Starts every node that is down.</summary>
    public Task StartAsync() => Task.WhenAll(nodes.Select(n => n.StartAsync()));

    public Task StopAsync() => Task.WhenAll(nodes.Select(n => n.StopAsync()));

    /// <summary>Kills every node.</summary>
    public Task KillAsync() => Task.WhenAll(nodes.Select(n => n.KillAsync()));

    /// <summary>Virtual hosts and permissions are cluster-wide: any running node takes them.</summary>
    public Task AddVirtualHostAsync(string name) => Running().AddVirtualHostAsync(name);

    /// <summary><c>rabbitmqctl</c> on the first running node; most commands answer for the whole cluster.</summary>
    public Task<ProcessResult> ControlAsync(IReadOnlyList<string> arguments) => Running().ControlAsync(arguments);

    /// <summary>The Erlang node names the cluster reports running, asked of a running node.</summary>
    public Task<IReadOnlyList<string>> RunningNodesAsync() => RunningNodesAsync(Running());

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(nodes.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);

    private static async Task<IReadOnlyList<string>> RunningNodesAsync(LocalRabbitMq node)
    {
        var status = await node.ControlAsync(["cluster_status", "--formatter", "json"]).ConfigureAwait(false);
        if (!status.Succeeded)
            return [];
        var json = status.Output[status.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("running_nodes").EnumerateArray().Select(n => n.GetString()).OfType<string>()];
    }

    private static async Task FormAsync(List<LocalRabbitMq> nodes)
    {
        var first = nodes[0].NodeName;
        // One node at a time: joins touch the cluster's schema, and two at once can trip over each other.
        foreach (var node in nodes.Skip(1))
        {
            await CheckedAsync(node, "stop_app").ConfigureAwait(false);
            await CheckedAsync(node, "reset").ConfigureAwait(false);
            await CheckedAsync(node, "join_cluster", first).ConfigureAwait(false);
            await CheckedAsync(node, "start_app").ConfigureAwait(false);
            await CheckedAsync(node, "await_startup", "--timeout", "60").ConfigureAwait(false);
        }

        await Eventually.Until(
            () => RunningNodesAsync(nodes[0]),
            running => nodes.All(n => running.Contains(n.NodeName)),
            FormTimeout,
            $"all {nodes.Count} nodes report each other running").ConfigureAwait(false);
    }

    private static async Task CheckedAsync(LocalRabbitMq node, params string[] arguments)
    {
        var result = await node.ControlAsync(arguments).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException($"`{result.CommandLine}` exited with code {result.ExitCode}: {result.Output.Trim()}");
    }

    private LocalRabbitMq Running() =>
        nodes.FirstOrDefault(n => n.IsRunning) ?? throw new InvalidOperationException("No node of the cluster is running.");
}
