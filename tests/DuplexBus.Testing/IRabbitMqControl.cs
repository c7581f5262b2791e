namespace DuplexBus.Testing;

/// <summary>Broker control plus the administration the fixture needs to isolate tests.</summary>
public interface IRabbitMqControl : IServerControl
{
    /// <summary>Creates the virtual host and grants the connecting user full rights on it.</summary>
    Task AddVirtualHostAsync(string name);
}
