using DuplexBus.Persistence;

namespace DuplexBus.Host;

/// <summary>The host's command-line verbs besides running.</summary>
internal static class Commands
{
    /// <summary><c>migrate</c>: apply the schema migrations and exit.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DuplexBusDbContext>();
        var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
        Console.WriteLine(applied.Count == 0
            ? "The database schema is current."
            : $"Applied {applied.Count} migrations: {string.Join(", ", applied)}");
        return 0;
    }
}
