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
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var listed = await Control.ControlAsync(["list_queues", "-p", virtualHost, "name", "messages", "--quiet", "--no-table-headers"]).ConfigureAwait(false);
        if (!listed.Succeeded)
            throw new InvalidOperationException($"`{listed.CommandLine}` exited with code {listed.ExitCode}: {listed.Output}");
        var text = listed.Output;
        var queues = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length == 2 && long.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var messages))
                queues[fields[0]] = messages;
        }
        return queues;
    }
}
