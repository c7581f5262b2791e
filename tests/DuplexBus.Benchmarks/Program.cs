using System.Globalization;
using DuplexBus.Benchmarks;
using DuplexBus.Benchmarks.All;
using DuplexBus.Benchmarks.Callbacks;
using DuplexBus.Benchmarks.Edge;
using DuplexBus.Benchmarks.Idle;
using DuplexBus.Benchmarks.Light;

// dotnet run -c Release --project tests/DuplexBus.Benchmarks -- all [--quick] [--only e2e,latency]
// dotnet run -c Release --project tests/DuplexBus.Benchmarks -- idle [--seconds 60] [--settle 180]
// dotnet run -c Release --project tests/DuplexBus.Benchmarks -- skeleton [--clients 8] [--seconds 10]
// dotnet run -c Release --project tests/DuplexBus.Benchmarks -- edge [--seconds 10] [--idle 10000] [--sessions 32]
// dotnet run -c Release --project tests/DuplexBus.Benchmarks -- edge-light [--sessions 32] [--seconds 10]
// dotnet run -c Release --project tests/DuplexBus.Benchmarks -- callbacks [--seconds 10] [--concurrency 8]
var command = args.FirstOrDefault() ?? "skeleton";

// Each WCF session blocks a thread per call; without enough threads the client, not the edge, would be measured. The
// light generator blocks none, and needs no more threads than the pool would start on its own.
if (command != "edge-light")
    ThreadPool.SetMinThreads(256, 256);
var clients = Option("--clients", 8);
var seconds = Option("--seconds", 10);
var idle = Option("--idle", 10_000);
var concurrency = Option("--concurrency", 8);

switch (command)
{
    case "all":
        return await AllCommand.RunAsync(quick: args.Contains("--quick"), Text("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []);
    case "idle":
        await IdleBenchmark.RunAsync(TimeSpan.FromSeconds(Option("--seconds", 60)), TimeSpan.FromSeconds(Option("--settle", 180)));
        return 0;
    case "skeleton":
        await SkeletonBenchmark.RunAsync(clients, TimeSpan.FromSeconds(seconds));
        return 0;
    case "edge":
        int[] sessions = args.Contains("--sessions") ? [Option("--sessions", 32)] : [1, 8, 32];
        await EdgeBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), idle, sessions);
        return 0;
    case "edge-light":
        await EdgeLightBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), [Option("--sessions", 32)]);
        return 0;
    case "callbacks":
        await CallbacksBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), concurrency);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: all, idle, skeleton, edge, edge-light, callbacks.");
        return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string? Text(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
