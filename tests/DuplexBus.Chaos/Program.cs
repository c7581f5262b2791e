using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Report;
using DuplexBus.Chaos.Scenarios;

// dotnet run -c Release --project tests/DuplexBus.Chaos -- [--quick] [--seed N] [--only name,name] [--repeat N] [--parallel N] [--tracks N] [--verbose]
var options = RunOptions.Parse(args);
Stage.Verbose = args.Contains("--verbose");
// WCF's synchronous calls each hold a thread; the pool must not make the clients the bottleneck.
ThreadPool.SetMinThreads(64, 64);

var scenarios = ScenarioCatalog.For(options).ToList();
var logs = Path.Combine(Path.GetTempPath(), $"duplexbus-chaos-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
Directory.CreateDirectory(logs);
Console.WriteLine($"chaos: seed {options.Seed}, {(options.Quick ? "quick" : $"full, {options.Repeat} rounds")}, {scenarios.Count} scenarios; logs in {logs}");

using var cancel = new CancellationTokenSource();
await using var teardown = new Teardown();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine("chaos: stopping; tearing down");
    cancel.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    cancel.Cancel();
});

var clock = Stopwatch.StartNew();
var results = new List<ScenarioResult>();
try
{
    // One set of servers per track: the scenarios that stop, alarm or fill PostgreSQL or RabbitMQ take turns on them
    // (one such fault per track at a time), while the scenarios whose faults stay on their own hosts, proxies,
    // receivers and disks run side by side on one more set.
    var starting = Enumerable.Range(0, options.Tracks + 1).Select(_ => ServerSet.StartAsync(logs)).ToList();
    await Task.WhenAll(starting.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
        teardown.Add("servers", started.Result);
    var serverSets = new List<ServerSet>();
    foreach (var started in starting)
        serverSets.Add(await started);
    var localServers = serverSets[^1];
    Console.WriteLine($"chaos: servers ready in {clock.Elapsed.TotalSeconds:0.0}s ({string.Join("; ", serverSets.Select(s => $"{s.Postgres.Description}, {s.RabbitMq.Description}"))})");

    // No cookie jar: the edge hands out a WscContext cookie that would route every later call to the first instance.
    using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5), UseProxy = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
    var exclusiveRunners = serverSets.Take(options.Tracks).Select(set => new ScenarioRunner(set, options, http)).ToList();
    var localRunner = new ScenarioRunner(localServers, options, http);
    var seeds = new Random(options.Seed);
    for (var round = 1; round <= options.Repeat && !cancel.IsCancellationRequested; round++)
    {
        var planned = scenarios.Select(s => (Scenario: s, Seed: seeds.Next())).ToList();
        var thisRound = round;
        async Task RunOneAsync((Scenario Scenario, int Seed) next, ScenarioRunner runner)
        {
            if (cancel.IsCancellationRequested)
                return;
            var started = clock.Elapsed;
            var result = await runner.RunAsync(next.Scenario, thisRound, next.Seed, cancel.Token);
            lock (results)
                results.Add(result);
            var verdict = !result.Ran ? $"DID NOT RUN: {result.Error}" : result.Passed ? "ok" : $"FAIL (lost {result.Tally.Lost}, duplicated {result.Tally.Duplicated}, reordered {result.Tally.Reordered}, {result.Tally.Findings.Count} findings)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {next.Scenario.Name}{(options.Repeat > 1 ? $"#{thisRound}" : "")}: {verdict} [{(clock.Elapsed - started).TotalSeconds:0}s]"));
        }

        // Faults confined to a scenario's own hosts, proxies, receivers and disks run side by side on their servers;
        // a fault on the shared servers runs alone on the others, at the same time.
        using var slots = new SemaphoreSlim(options.Parallel);
        var local = Task.WhenAll(planned.Where(p => !p.Scenario.Exclusive).Select(async p =>
        {
            await slots.WaitAsync(cancel.Token);
            try
            {
                await RunOneAsync(p, localRunner);
            }
            finally
            {
                slots.Release();
            }
        }));
        // Each track takes the next fault on the servers as soon as it is free.
        var exclusive = new System.Collections.Concurrent.ConcurrentQueue<(Scenario Scenario, int Seed)>(planned.Where(p => p.Scenario.Exclusive));
        var tracks = exclusiveRunners.Select(track => Task.Run(async () =>
        {
            while (exclusive.TryDequeue(out var next))
                await RunOneAsync(next, track);
        }));
        await Task.WhenAll([local, .. tracks]);
    }
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("chaos: cancelled");
}
catch (Exception e)
{
    Console.Error.WriteLine($"chaos: could not run: {e}");
}
finally
{
    await teardown.DisposeAsync();
}

// A scenario that was asked for and never ran is a failure, never a pass.
foreach (var missing in scenarios.Where(s => results.All(r => r.Scenario != s.Name)))
    results.Add(new ScenarioResult(missing.Name, 1, new DuplexBus.Chaos.Checks.Tally(), null, "not started"));
var order = scenarios.Select(s => s.Name).ToList();
results = [.. results.OrderBy(r => r.Round).ThenBy(r => order.IndexOf(r.Scenario))];

Console.WriteLine();
ResultTable.Print(results, Console.Out);
Console.WriteLine();
ResultTable.PrintFindings(results, Console.Out);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chaos: seed {options.Seed}, {clock.Elapsed.TotalSeconds:0}s, logs in {logs}"));
Console.WriteLine(ResultTable.Summary(results));
return results.All(r => r.Passed) ? 0 : 1;
