namespace DuplexBus.Testing;

/// <summary>The RabbitMQ broker the tests share; fault tests may stop, kill and restart it.</summary>
public sealed class RabbitMqServer
{
    private readonly IRabbitMqControl? control;

    internal RabbitMqServer(ServerSource source, string amqpUri, int port, IRabbitMqControl? control, TimeSpan startupTime, string description)
    {
        Source = source;
        AmqpUri = amqpUri;
        Port = port;
        this.control = control;
        StartupTime = startupTime;
        Description = description;
    }

    public ServerSource Source { get; }

    /// <summary>amqp://user:pass@host:port/ of the default virtual host.</summary>
    public string AmqpUri { get; }

    public int Port { get; }

    /// <summary>False for a broker given by DUPLEXBUS_TEST_RABBITMQ: tests must not stop or kill it.</summary>
    public bool CanControl => control is not null;

    /// <summary>How long it took to make the broker available (near zero for an external one).</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Human-readable origin, for test output.</summary>
    public string Description { get; }

    /// <summary>Clean shutdown (rabbitmqctl stop).</summary>
    public Task StopAsync() => Control.StopAsync();

    /// <summary>SIGKILL of the Erlang VM, as a crash would.</summary>
    public Task KillAsync() => Control.KillAsync();

    /// <summary>Starts again with the same node name, ports and data; returns once AMQP clients are accepted.</summary>
    public Task StartAsync() => Control.StartAsync();

    public override string ToString() => Description;

    internal Task AddVirtualHostAsync(string name) => Control.AddVirtualHostAsync(name);

    internal ValueTask DisposeAsync() => control?.DisposeAsync() ?? ValueTask.CompletedTask;

    private IRabbitMqControl Control => control
        ?? throw new InvalidOperationException("This RabbitMQ broker comes from DUPLEXBUS_TEST_RABBITMQ and cannot be controlled by tests.");
}
