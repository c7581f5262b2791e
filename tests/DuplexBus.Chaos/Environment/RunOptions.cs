using System.Globalization;

namespace DuplexBus.Chaos.Environment;

/// <summary>The command line: <c>[--quick] [--seed N] [--only name,name] [--repeat N]</c>.</summary>
internal sealed record RunOptions(bool Quick, int Seed, IReadOnlyList<string> Only, int Repeat)
{
    public static RunOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var seed = Value(args, "--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next(1, 1_000_000);
        var only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var repeat = Value(args, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : quick ? 1 : 3;
        return new RunOptions(quick, seed, only, repeat);
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
