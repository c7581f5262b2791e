namespace DuplexBus.Testing;

/// <summary>The PostgreSQL server the tests share.</summary>
public sealed class PostgresServer : ControlledServer<IServerControl>
{
    internal PostgresServer(ServerSource source, string adminConnectionString, int port, IServerControl? control, TimeSpan startupTime, string description)
        : base(source, port, control, startupTime, description, ServersFixture.PostgresVariable) =>
        AdminConnectionString = adminConnectionString;

    /// <summary>Connection string of a user allowed to CREATE DATABASE, on the "postgres" database.</summary>
    public string AdminConnectionString { get; }
}
