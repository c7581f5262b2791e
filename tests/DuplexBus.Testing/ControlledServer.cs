namespace DuplexBus.Testing;

/// <summary>
/// A server the tests share. Fault tests may stop, kill (SIGKILL, as a crash) and restart it, unless it came
/// from an environment variable: then <see cref="CanControl"/> is false and those calls throw.
/// </summary>
public abstract class ControlledServer<TControl>
    where TControl : class, IServerControl
{
    private readonly TControl? control;
    private readonly string variable;

    private protected ControlledServer(ServerSource source, int port, TControl? control, TimeSpan startupTime, string description, string variable)
    {
        Source = source;
        Port = port;
        this.control = control;
        StartupTime = startupTime;
        Description = description;
        this.variable = variable;
    }

    public ServerSource Source { get; }

    public int Port { get; }

    /// <summary>False for a server given by an environment variable: tests must not stop or kill it.</summary>
    public bool CanControl => control is not null;

    /// <summary>How long it took to make the server available (near zero for an external one).</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Human-readable origin, for test output.</summary>
    public string Description { get; }

    /// <summary>Clean shutdown.</summary>
    public Task StopAsync() => Control.StopAsync();

    /// <summary>SIGKILL of the server process; the next start recovers as after a crash.</summary>
    public Task KillAsync() => Control.KillAsync();

    /// <summary>Starts again on the same ports and data; returns once clients are accepted.</summary>
    public Task StartAsync() => Control.StartAsync();

    public override string ToString() => Description;

    internal ValueTask DisposeAsync() => control?.DisposeAsync() ?? ValueTask.CompletedTask;

    private protected TControl Control => control
        ?? throw new InvalidOperationException($"This server comes from {variable} and cannot be controlled by tests.");
}
