namespace DuplexBus.Testing;

/// <summary>Broker control plus the administration the fixture needs to isolate tests.</summary>
public interface IRabbitMqControl : IServerControl
{
    /// <summary>Creates the virtual host and grants the connecting user full rights on it.</summary>
    Task AddVirtualHostAsync(string name);

    /// <summary>Runs <c>rabbitmqctl</c> against this broker with <paramref name="arguments"/>; does not throw on a non-zero exit.</summary>
    Task<ProcessResult> ControlAsync(IReadOnlyList<string> arguments);
}
