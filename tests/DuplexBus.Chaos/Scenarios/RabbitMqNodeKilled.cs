using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Faults;
using DuplexBus.Testing;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 2c: the scenario's own 3-node RabbitMQ cluster, every queue a quorum queue with a replica on each node. The
/// host knows all three (<c>DuplexBus:RabbitMq:ClusterNodes</c>). Mid-run the node holding the host's connection (and,
/// as the queues were declared through it, their leaders) is killed with SIGKILL of its Erlang VM, and started again at
/// the heal. Full run only: forming the cluster alone takes a good part of a --quick run's budget.
/// </summary>
internal sealed class RabbitMqNodeKilled : Scenario
{
    private const int Nodes = 3;
    private static readonly TimeSpan RejoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long after the kill the hosts may take to be connected to a surviving node.</summary>
    private static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(60);

    private LocalRabbitMqCluster? cluster;
    private int victim = -1;
    private Task<TimeSpan?>? reconnected;

    public override string Name => "rabbitmq-node-killed";

    public override bool FullRunOnly => true;

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 10, 30);

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        // One instance serves every round: nothing of the last round's cluster may carry over.
        victim = -1;
        reconnected = null;
        cluster = await LocalRabbitMqCluster.StartNewAsync(Nodes).ConfigureAwait(false);
        stage.Teardown.Add("rabbitmq cluster", cluster);
        stage.Note($"{cluster.Server.Description} formed in {cluster.Server.StartupTime.TotalSeconds:0.0}s");
        await cluster.AddVirtualHostAsync(stage.VirtualHost).ConfigureAwait(false);
        stage.RabbitMq = cluster.Server;
        stage.RabbitMqUri = $"{cluster.AmqpUri(0).TrimEnd('/')}/{Uri.EscapeDataString(stage.VirtualHost)}";
        stage.HostEnvironment["DuplexBus__RabbitMq__ClusterNodes"] = string.Join(',', Enumerable.Range(1, Nodes - 1).Select(cluster.Address));
        await base.ArrangeAsync(stage, ct).ConfigureAwait(false);
        await NoteReplicasAsync(stage, "before the fault").ConfigureAwait(false);
    }

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        var connections = await ClusterQueues.ConnectionsByNodeAsync(cluster!, stage.VirtualHost).ConfigureAwait(false);
        var leaders = (await ClusterQueues.QuorumQueuesAsync(cluster!, stage.VirtualHost).ConfigureAwait(false))
            .GroupBy(q => q.Leader ?? "").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        victim = Enumerable.Range(0, Nodes)
            .OrderByDescending(i => connections.GetValueOrDefault(i))
            .ThenByDescending(i => leaders.GetValueOrDefault(cluster!.NodeName(i)))
            .First();
        var name = cluster!.NodeName(victim);
        var pid = await cluster.KillAsync(victim).ConfigureAwait(false);
        stage.Note($"killed {name} (beam.smp pid {pid}): it held {connections.GetValueOrDefault(victim)} of the hosts' {connections.Values.Sum()} connections and led {leaders.GetValueOrDefault(name)} quorum queues");
        reconnected = ReconnectedAsync(stage, connections.Values.Sum());
    }

    public override async Task HealAsync(Stage stage, CancellationToken ct)
    {
        if (cluster is null)
            return;
        // The point of the cluster: the hosts carry on with the surviving nodes, before the lost one is back.
        if (reconnected is not null)
        {
            var after = await reconnected.ConfigureAwait(false);
            if (after is null)
                stage.Findings.Add($"the hosts did not connect to a surviving node within {ReconnectTimeout.TotalSeconds:0}s of the kill");
            else
                stage.Note($"the hosts were connected to the surviving nodes {after.Value.TotalSeconds:0.0}s after the kill");
        }

        await cluster.StartAsync().ConfigureAwait(false);
        await Eventually.Until(
            cluster.RunningNodesAsync,
            running => running.Count == Nodes,
            RejoinTimeout,
            $"{(victim < 0 ? "the killed node" : cluster.NodeName(victim))} rejoins the cluster").ConfigureAwait(false);
        stage.Note($"{(victim < 0 ? "cluster" : cluster.NodeName(victim))} started again; {Nodes} nodes running");
    }

    public override async Task CheckAsync(Stage stage, CancellationToken ct)
    {
        var queues = await NoteReplicasAsync(stage, "after the heal").ConfigureAwait(false);
        if (queues.Count == 0)
            stage.Findings.Add("no quorum queue in the virtual host: the host's queues were not replicated");
        foreach (var queue in queues.Where(q => q.Members.Count != Nodes || q.Online.Count != Nodes))
            stage.Findings.Add($"quorum queue {queue.Name} has {queue.Members.Count} members, {queue.Online.Count} online (want {Nodes})");
    }

    /// <summary>The time from the kill until the surviving nodes hold as many of the hosts' connections as there were; null on timeout.</summary>
    private async Task<TimeSpan?> ReconnectedAsync(Stage stage, int before)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var now = await Eventually.Until(
                () => ClusterQueues.ConnectionsByNodeAsync(cluster!, stage.VirtualHost),
                connections => connections.Where(c => c.Key != victim).Sum(c => c.Value) >= Math.Max(1, before),
                ReconnectTimeout,
                "the hosts connect to a surviving node").ConfigureAwait(false);
            stage.Note($"the hosts' connections after the kill: {string.Join(", ", now.Select(c => $"{(c.Key < 0 ? "unknown node" : cluster!.NodeName(c.Key))}={c.Value}"))}");
            return clock.Elapsed;
        }
        catch (TimeoutException)
        {
            stage.Note($"no connection of the hosts on a surviving node {clock.Elapsed.TotalSeconds:0.0}s after the kill");
            return null;
        }
    }

    private async Task<IReadOnlyList<QuorumQueue>> NoteReplicasAsync(Stage stage, string when)
    {
        var queues = await ClusterQueues.QuorumQueuesAsync(cluster!, stage.VirtualHost).ConfigureAwait(false);
        var leaders = string.Join(", ", queues.GroupBy(q => q.Leader ?? "none").Select(g => $"{g.Key}={g.Count()}"));
        var connections = await ClusterQueues.ConnectionsByNodeAsync(cluster!, stage.VirtualHost).ConfigureAwait(false);
        stage.Note($"{when}: quorum queues {string.Join(", ", queues.Select(q => q.Name))}; members per queue {string.Join("/", queues.Select(q => q.Members.Count).Distinct())}; leaders {leaders}; the hosts' connections {string.Join(", ", connections.Select(c => $"{(c.Key < 0 ? "unknown node" : cluster!.NodeName(c.Key))}={c.Value}"))}");
        return queues;
    }
}
