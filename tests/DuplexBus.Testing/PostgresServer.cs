namespace DuplexBus.Testing;

/// <summary>The PostgreSQL server the tests share; fault tests may stop, kill and restart it.</summary>
public sealed class PostgresServer
{
    private readonly IServerControl? control;

    internal PostgresServer(ServerSource source, string adminConnectionString, int port, IServerControl? control, TimeSpan startupTime, string description)
    {
        Source = source;
        AdminConnectionString = adminConnectionString;
        Port = port;
        this.control = control;
        StartupTime = startupTime;
        Description = description;
    }

    public ServerSource Source { get; }

    /// <summary>Connection string of a user allowed to CREATE DATABASE, on the "postgres" database.</summary>
    public string AdminConnectionString { get; }

    public int Port { get; }

    /// <summary>False for a server given by DUPLEXBUS_TEST_POSTGRES: tests must not stop or kill it.</summary>
    public bool CanControl => control is not null;

    /// <summary>How long it took to make the server available (near zero for an external one).</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Human-readable origin, for test output.</summary>
    public string Description { get; }

    /// <summary>Clean shutdown (pg_ctl stop -m fast).</summary>
    public Task StopAsync() => Control.StopAsync();

    /// <summary>SIGKILL of the postmaster; the next start runs crash recovery.</summary>
    public Task KillAsync() => Control.KillAsync();

    /// <summary>Starts again on the same port and data; returns once it accepts connections.</summary>
    public Task StartAsync() => Control.StartAsync();

    public override string ToString() => Description;

    internal ValueTask DisposeAsync() => control?.DisposeAsync() ?? ValueTask.CompletedTask;

    private IServerControl Control => control
        ?? throw new InvalidOperationException("This PostgreSQL server comes from DUPLEXBUS_TEST_POSTGRES and cannot be controlled by tests.");
}
