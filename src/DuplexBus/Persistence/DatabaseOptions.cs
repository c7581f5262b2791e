namespace DuplexBus.Persistence;

/// <summary>Configuration section <c>DuplexBus:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending EF Core migrations when the host starts (before the bus and the relay).</summary>
    public bool MigrateAtStartup { get; set; } = true;
}
