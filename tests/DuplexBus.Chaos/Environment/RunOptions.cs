using System.Globalization;

namespace DuplexBus.Chaos.Environment;

/// <summary>The command line: <c>[--quick] [--seed N] [--only name,name] [--repeat N] [--parallel N]</c>.</summary>
internal sealed record RunOptions(bool Quick, int Seed, IReadOnlyList<string> Only, int Repeat, int Parallel)
{
    public static RunOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var seed = Value(args, "--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next(1, 1_000_000);
        var only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var repeat = Value(args, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : quick ? 1 : 3;
        // Scenarios whose faults stay local run this many at a time (each has one or two hosts of its own).
        var parallel = Value(args, "--parallel") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 2;
        return new RunOptions(quick, seed, only, repeat, Math.Max(1, parallel));
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
