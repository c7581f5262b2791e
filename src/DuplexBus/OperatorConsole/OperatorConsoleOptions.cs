namespace DuplexBus.OperatorConsole;

/// <summary>The operator console (configuration section <c>DuplexBus:Console</c>).</summary>
public sealed class OperatorConsoleOptions
{
    /// <summary>Serve the console where the host maps it (<c>MapDuplexBusConsole</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Answer requests from other machines too. Off by default: the console then answers loopback only (404 to the
    /// rest), for an operator on the machine or behind a tunnel.
    /// </summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// Administrators: name → PBKDF2 hash of the password (<c>DuplexBus.Host hash-secret</c> prints one, the same form
    /// as the edge's users). Without one the console lets nobody in.
    /// </summary>
    public Dictionary<string, string> Administrators { get; } = new(StringComparer.Ordinal);
}
