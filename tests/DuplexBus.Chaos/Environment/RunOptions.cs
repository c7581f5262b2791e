using System.Globalization;

namespace DuplexBus.Chaos.Environment;

/// <summary>The command line: <c>[--quick] [--seed N] [--only name,name] [--repeat N] [--parallel N] [--tracks N]</c>.</summary>
internal sealed record RunOptions(bool Quick, int Seed, IReadOnlyList<string> Only, int Repeat, int Parallel, int Tracks)
{
    public static RunOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var seed = Value(args, "--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next(1, 1_000_000);
        var only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var repeat = Value(args, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : quick ? 1 : 3;
        // Scenarios whose faults stay local run this many at a time (each has one or two hosts of its own).
        var parallel = Value(args, "--parallel") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 2;
        // Faults on the servers (stopping, alarming or filling them) run this many at a time, each on a server set of
        // its own. On two cores a third set made every scenario slower (6 min 9 s against 5 min 20 s for --quick).
        var tracks = Value(args, "--tracks") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 2;
        return new RunOptions(quick, seed, only, repeat, Math.Max(1, parallel), Math.Max(1, tracks));
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
