namespace DuplexBus.Testing;

/// <summary>The RabbitMQ broker the tests share.</summary>
public sealed class RabbitMqServer : ControlledServer<IRabbitMqControl>
{
    internal RabbitMqServer(ServerSource source, string amqpUri, int port, IRabbitMqControl? control, TimeSpan startupTime, string description)
        : base(source, port, control, startupTime, description, ServersFixture.RabbitMqVariable) =>
        AmqpUri = amqpUri;

    /// <summary>amqp://user:pass@host:port/ of the default virtual host.</summary>
    public string AmqpUri { get; }

    /// <summary>
    /// Runs <c>rabbitmqctl</c> on this broker (e.g. <c>list_queues -p vhost name messages</c>, or
    /// <c>set_vm_memory_high_watermark 0</c> to raise the memory alarm); the exit code is in the result.
    /// </summary>
    public Task<ProcessResult> ControlAsync(params string[] arguments) => Control.ControlAsync(arguments);

    internal Task AddVirtualHostAsync(string name) => Control.AddVirtualHostAsync(name);

    /// <summary>Messages (ready and unacknowledged) per queue of the virtual host that <paramref name="amqpUri"/> names.</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueMessagesAsync(string amqpUri)
    {
        var path = new Uri(amqpUri).AbsolutePath.Trim('/');
        var queues = await QueuesAsync(path.Length == 0 ? "/" : Uri.UnescapeDataString(path)).ConfigureAwait(false);
        return queues.Where(q => q.Messages >= 0).ToDictionary(q => q.Name, q => q.Messages, StringComparer.Ordinal);
    }

    /// <summary>
    /// Every queue of <paramref name="virtualHost"/> with its messages (ready and unacknowledged, which AMQP alone does
    /// not tell) and state, from <c>rabbitmqctl list_queues</c>; a line that does not parse has -1 messages.
    /// </summary>
    public async Task<IReadOnlyList<QueueListing>> QueuesAsync(string virtualHost)
    {
        var listed = await ControlAsync("list_queues", "-p", virtualHost, "name", "messages", "state", "--quiet", "--no-table-headers").ConfigureAwait(false);
        if (!listed.Succeeded)
            throw new InvalidOperationException($"`{listed.CommandLine}` exited with code {listed.ExitCode}: {listed.Output.Trim()}");
        var queues = new List<QueueListing>();
        foreach (var line in listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var messages))
                queues.Add(new QueueListing(parts[0], messages, parts[2]));
            else if (parts.Length >= 2)
                queues.Add(new QueueListing(parts[0], -1, "unknown: " + line));
        }
        return queues;
    }
}

/// <summary>One queue as <c>rabbitmqctl list_queues</c> reports it.</summary>
public sealed record QueueListing(string Name, long Messages, string State);
