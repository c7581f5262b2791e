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
}
