namespace DuplexBus.Testing;

/// <summary>The RabbitMQ broker the tests share.</summary>
public sealed class RabbitMqServer : ControlledServer<IRabbitMqControl>
{
    internal RabbitMqServer(ServerSource source, string amqpUri, int port, IRabbitMqControl? control, TimeSpan startupTime, string description)
        : base(source, port, control, startupTime, description, ServersFixture.RabbitMqVariable) =>
        AmqpUri = amqpUri;

    /// <summary>amqp://user:pass@host:port/ of the default virtual host.</summary>
    public string AmqpUri { get; }

    internal Task AddVirtualHostAsync(string name) => Control.AddVirtualHostAsync(name);
}
