namespace DuplexBus.Testing;

/// <summary>What a test may do to a server it owns; implemented per origin (local process, container).</summary>
public interface IServerControl : IAsyncDisposable
{
    /// <summary>Clean shutdown; a no-op when already down.</summary>
    Task StopAsync();

    /// <summary>Abrupt death without any shutdown work; a no-op when already down.</summary>
    Task KillAsync();

    /// <summary>Start again on the same address and data; returns once clients can connect. A no-op when up.</summary>
    Task StartAsync();
}
