namespace DuplexBus.Testing;

/// <summary>Broker control plus the administration the fixture needs to isolate tests.</summary>
public interface IRabbitMqControl : IServerControl
{
    /// <summary>Creates the virtual host and grants the connecting user full rights on it.</summary>
    Task AddVirtualHostAsync(string name);

    /// <summary>
    /// The text of <c>rabbitmqctl list_queues -p VHOST name messages</c>: every queue of the virtual host with its
    /// messages ready and unacknowledged (AMQP itself only tells the ready ones).
    /// </summary>
    Task<string> ListQueuesAsync(string virtualHost);
}
