using System.Globalization;
using DuplexBus.Callbacks;
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

    /// <summary>
    /// <c>callbacks list [--all]</c>: the dead-lettered callbacks (or every callback), newest first.
    /// <c>callbacks replay &lt;id&gt;</c>: puts a dead-lettered callback back in line with a fresh retry window.
    /// </summary>
    public static async Task<int> CallbacksAsync(IServiceProvider services, string[] args)
    {
        var at = Array.IndexOf(args, "callbacks");
        var verb = at + 1 < args.Length ? args[at + 1] : "list";
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CallbackStore>();
        switch (verb)
        {
            case "list":
                var rows = await store.ListAsync(args.Contains("--all") ? null : CallbackState.DeadLettered, 1000, CancellationToken.None);
                Console.WriteLine($"{rows.Count} callbacks{(args.Contains("--all") ? "" : " dead-lettered")}");
                foreach (var row in rows)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{row.Id}  {row.State,-12} attempts={row.Attempts,-3} created={row.CreatedAt:O}  {row.Address}  {row.LastError}"));
                }
                return 0;
            case "replay" when at + 2 < args.Length && Guid.TryParse(args[at + 2], out var id):
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                if (await store.ReplayAsync(id, now, CancellationToken.None))
                {
                    Console.WriteLine($"Callback {id} is pending again; a running host sends it within its poll interval.");
                    return 0;
                }
                Console.Error.WriteLine($"No dead-lettered callback {id}.");
                return 1;
            default:
                Console.Error.WriteLine("Usage: callbacks list [--all] | callbacks replay <id>");
                return 2;
        }
    }
}
