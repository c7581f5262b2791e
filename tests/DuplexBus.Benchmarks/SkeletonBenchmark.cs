using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks;

/// <summary>
/// One-way AddItem messages accepted by the edge (202 after commit) from concurrent plain-SOAP clients, in the
/// embedded mode and in production mode, with one INSERT + COMMIT per message on the same PostgreSQL as baseline.
/// </summary>
internal static class SkeletonBenchmark
{
    public static async Task RunAsync(int concurrency, TimeSpan duration)
    {
        var warmUp = new WarmUp(TimeSpan.FromSeconds(3), TimeSpan.Zero);
        Console.WriteLine($"skeleton: {concurrency} concurrent clients, {duration.TotalSeconds:F0} s per run ({Environment.ProcessorCount} cores)");

        var dataDirectory = Directory.CreateTempSubdirectory("duplexbus-bench-").FullName;
        var embedded = new HostProcessOptions();
        embedded.Environment["DuplexBus__Embedded__DataDirectory"] = dataDirectory;
        await using (var host = await HostProcess.StartAsync(embedded))
            Console.WriteLine(await MeasureEdgeAsync("edge, embedded (SQLite + in-memory bus)", host, concurrency, warmUp, duration));
        Directory.Delete(dataDirectory, recursive: true);

        var servers = new ServersFixture(null);
        await servers.InitializeAsync();
        try
        {
            var (production, _) = await ProductionHost.OptionsAsync(servers, "bench");
            LoadResult edge;
            await using (var host = await HostProcess.StartAsync(production))
            {
                edge = await MeasureEdgeAsync("edge, production (PostgreSQL + RabbitMQ)", host, concurrency, warmUp, duration);
                Console.WriteLine(edge);
            }

            var baselineDatabase = await servers.CreateDatabaseAsync("baseline");
            await Baseline.CreateTableAsync(baselineDatabase);
            var baseline = await Baseline.MeasureAsync(baselineDatabase, concurrency, warmUp, duration);
            Console.WriteLine(baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio edge/baseline (PostgreSQL): {edge.PerSecond / baseline.PerSecond:F2}"));
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    private static async Task<LoadResult> MeasureEdgeAsync(string name, HostProcess host, int concurrency, WarmUp warmUp, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
        var service = new Uri(host.BaseAddress, "/services/work");
        var instances = Enumerable.Range(0, concurrency).Select(_ => Guid.NewGuid()).ToArray();
        return await Load.RunAsync(name, concurrency, warmUp, duration,
            (worker, n) => Work.PlainSoap.AddItemAsync(http, service, instances[worker], n, "benchmark"));
    }
}
