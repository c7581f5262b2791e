using System.Globalization;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Security;
using DuplexBus.Host.Persistence;
using DuplexBus.Parking;
using DuplexBus.Persistence;

namespace DuplexBus.Host;

/// <summary>The host's command-line verbs besides running.</summary>
internal static class Commands
{
    /// <summary><c>migrate</c>: apply the schema migrations and exit.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkDbContext>();
        var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
        Console.WriteLine(applied.Count == 0
            ? "The database schema is current."
            : $"Applied {applied.Count} migrations: {string.Join(", ", applied)}");
        return 0;
    }

    /// <summary>
    /// <c>hash-secret [--iterations N]</c>: reads a secret from the first line of standard input (so it stays out of
    /// the shell history) and prints its PBKDF2-SHA256 hash for <c>DuplexBus:Security:Users:&lt;name&gt;</c>.
    /// </summary>
    public static int HashSecret(string[] args, TextReader input)
    {
        var at = Array.IndexOf(args, "--iterations");
        var iterations = SecretHash.DefaultIterations;
        if (at >= 0 && (at + 1 >= args.Length || !int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 10_000))
        {
            Console.Error.WriteLine("Usage: hash-secret [--iterations N] (N at least 10000), the secret on standard input");
            return 2;
        }
        var secret = input.ReadLine();
        if (string.IsNullOrEmpty(secret))
        {
            Console.Error.WriteLine("hash-secret: no secret on standard input");
            return 2;
        }
        Console.WriteLine(SecretHash.Create(secret, iterations));
        return 0;
    }

    private const string CallbacksUsage =
        "Usage: callbacks list [--all] | callbacks replay <id> [<id>...] | callbacks replay --all-dead | callbacks replay --destination <uri-or-host[:port]>";

    /// <summary>
    /// <c>callbacks list [--all]</c>: the dead-lettered callbacks (or every callback), newest first.
    /// <c>callbacks replay &lt;id&gt; [&lt;id&gt;...]</c>, <c>--all-dead</c>, <c>--destination &lt;uri-or-host[:port]&gt;</c>: puts
    /// dead-lettered callbacks back in line with a fresh retry window, all in one transaction.
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
            case "replay":
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                return await ReplayAsync(store, args[(at + 2)..], now);
            default:
                Console.Error.WriteLine(CallbacksUsage);
                return 2;
        }
    }

    /// <summary>
    /// <c>parked list</c>: messages parked because they could not succeed, newest first, with the reason.
    /// <c>parked replay &lt;id&gt;… | --all | --source &lt;source&gt;</c>: moves them back into the outbox, in the order they
    /// were parked, with their original MessageIds; a running host delivers them within its poll interval.
    /// </summary>
    public static async Task<int> ParkedAsync(IServiceProvider services, string[] args)
    {
        var at = Array.IndexOf(args, "parked");
        var verb = at + 1 < args.Length ? args[at + 1] : "list";
        var rest = args[(Math.Min(at + 2, args.Length))..];
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ParkedMessageStore>();
        switch (verb)
        {
            case "list":
                var rows = await store.ListAsync(1000, CancellationToken.None);
                Console.WriteLine($"{rows.Count} parked messages");
                foreach (var row in rows)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{row.Id}  {row.ParkedAt:O}  {row.Source}  message={row.MessageId}  {row.MessageType}  {row.Reason}"));
                }
                return 0;
            case "replay" when ReplaySelection(rest) is { } selection:
                var result = await store.ReplayAsync(selection.Ids, selection.Source, CancellationToken.None);
                Console.WriteLine($"Replayed {result.Replayed.Count} parked messages into the outbox.");
                foreach (var left in result.Unreadable)
                    Console.Error.WriteLine($"{left.Id} stays parked: " + (left.Reason.StartsWith("Still refused", StringComparison.Ordinal) ? left.Reason : "its body is not a message the relay can read."));
                if (selection.Ids.Count > result.Replayed.Count + result.Unreadable.Count)
                    Console.Error.WriteLine("Some ids are not parked.");
                return result.Replayed.Count == 0 && (selection.Ids.Count > 0 || result.Unreadable.Count > 0) ? 1 : 0;
            default:
                Console.Error.WriteLine("Usage: parked list | parked replay <id> [<id>…] | parked replay --all | parked replay --source <source>");
                return 2;
        }
    }

    private static (IReadOnlyCollection<Guid> Ids, string? Source)? ReplaySelection(string[] rest)
    {
        if (rest is ["--all"])
            return ([], null);
        if (rest is ["--source", var source])
            return ([], source);
        var ids = new List<Guid>();
        foreach (var text in rest)
        {
            if (!Guid.TryParse(text, out var id))
                return null;
            ids.Add(id);
        }
        return ids.Count == 0 ? null : (ids, null);
    }

    private static async Task<int> ReplayAsync(CallbackStore store, string[] args, DateTime now)
    {
        if (args is ["--all-dead"])
            return Replayed(await store.ReplayDeadAsync(null, now, CancellationToken.None));
        if (args is ["--destination", var value])
        {
            if (!CallbackDestinationFilter.TryParse(value, out var destination))
            {
                Console.Error.WriteLine($"Not a destination (a URI, or host[:port]): {value}");
                return 2;
            }
            return Replayed(await store.ReplayDeadAsync(destination, now, CancellationToken.None));
        }

        var ids = new List<Guid>();
        foreach (var arg in args)
        {
            if (!Guid.TryParse(arg, out var id))
            {
                Console.Error.WriteLine(CallbacksUsage);
                return 2;
            }
            ids.Add(id);
        }
        if (ids.Count == 0)
        {
            Console.Error.WriteLine(CallbacksUsage);
            return 2;
        }
        var replayed = await store.ReplayAsync(ids, now, CancellationToken.None);
        Replayed(replayed.Count);
        var missing = ids.Except(replayed).ToList();
        foreach (var id in missing)
            Console.Error.WriteLine($"No dead-lettered callback {id}.");
        return missing.Count == 0 ? 0 : 1;
    }

    private static int Replayed(int count)
    {
        Console.WriteLine($"Replayed {count} dead-lettered callbacks; they are pending again and a running host sends them within its poll interval.");
        return 0;
    }
}
