using System.Globalization;
using DuplexBus.Benchmarks;

// dotnet run -c Release --project tests/DuplexBus.Benchmarks -- skeleton [--clients 8] [--seconds 10]
var command = args.FirstOrDefault() ?? "skeleton";
var clients = Option("--clients", 8);
var seconds = Option("--seconds", 10);

switch (command)
{
    case "skeleton":
        await SkeletonBenchmark.RunAsync(clients, TimeSpan.FromSeconds(seconds));
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: skeleton.");
        return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
