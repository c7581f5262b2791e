using System.Diagnostics;
using System.Globalization;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Chaos.Environment;

/// <summary>
/// One scenario's world: its own database and virtual host on the shared servers, the hosts it starts, the client
/// address, callback receivers and a notes file. Everything it starts is registered in <see cref="Teardown"/>.
/// </summary>
internal sealed class Stage : IAsyncDisposable
{
    private readonly List<HostProcess> hosts = [];
    private readonly List<(string Label, HostProcess Host)> labelled = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly StreamWriter notes;

    private Stage(ServerSet servers, string name, int seed, bool quick, string connectionString, string rabbitMqUri)
    {
        Servers = servers;
        Name = name;
        Seed = seed;
        Quick = quick;
        Random = new Random(seed);
        ConnectionString = connectionString;
        HostConnectionString = connectionString;
        RabbitMqUri = rabbitMqUri;
        RabbitMq = servers.RabbitMq;
        VirtualHost = Uri.UnescapeDataString(new Uri(rabbitMqUri).AbsolutePath.TrimStart('/'));
        Postgres = servers.Postgres;
        LogDirectory = Path.Combine(servers.LogDirectory, name);
        Directory.CreateDirectory(LogDirectory);
        notes = new StreamWriter(Path.Combine(LogDirectory, "notes.log")) { AutoFlush = true };
    }

    public ServerSet Servers { get; }

    public string Name { get; }

    public int Seed { get; }

    public bool Quick { get; }

    /// <summary>Seeded: fault timings drawn from it repeat with the seed.</summary>
    public Random Random { get; }

    /// <summary>The scenario's database, reached directly (never through a fault), for the checks.</summary>
    public string ConnectionString { get; set; }

    /// <summary>What the hosts use: the same database, possibly through a fault (a TCP proxy).</summary>
    public string HostConnectionString { get; set; }

    /// <summary>The server this scenario's database lives on (the shared one unless the scenario brought its own).</summary>
    public PostgresServer Postgres { get; set; }

    /// <summary>What the hosts connect to: the scenario's virtual host on the shared broker, or on a broker the scenario brought.</summary>
    public string RabbitMqUri { get; set; }

    /// <summary>How long this run's fault stays on, drawn once by the runner before anything starts.</summary>
    public TimeSpan FaultFor { get; set; }

    public string VirtualHost { get; }

    /// <summary>The broker the scenario's virtual host lives on (the shared one unless the scenario brought its own).</summary>
    public RabbitMqServer RabbitMq { get; set; }

    public string LogDirectory { get; }

    public Teardown Teardown { get; } = new();

    /// <summary>Extra or overriding host settings (environment variables) for every host this stage starts.</summary>
    public Dictionary<string, string> HostEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>The address clients send to (a host, a proxy or a load balancer).</summary>
    public Uri ServiceAddress { get; set; } = new("http://127.0.0.1:1/");

    public IReadOnlyList<HostProcess> Hosts => hosts;

    /// <summary>Callback receivers; the workload spreads its StartWork callbacks over them.</summary>
    public List<CallbackReceiver> Receivers { get; } = [];

    /// <summary>Outbox message ids a scenario planted on purpose (poison): they may stay unsent; the checks look for them as parked.</summary>
    public HashSet<Guid> PlantedOutboxMessages { get; } = [];

    /// <summary>Instances a scenario planted on purpose; they are not part of the workload's ledger.</summary>
    public HashSet<Guid> PlantedInstances { get; } = [];

    /// <summary>Findings of the scenario itself (beyond the common checks), each one a failed check.</summary>
    public List<string> Findings { get; } = [];

    public static async Task<Stage> CreateAsync(ServerSet servers, string name, int seed, bool quick)
    {
        var db = await servers.Fixture.CreateDatabaseAsync("chaos").ConfigureAwait(false);
        var vhost = await servers.Fixture.CreateVirtualHostAsync("chaos").ConfigureAwait(false);
        return new Stage(servers, name, seed, quick, db, vhost);
    }

    /// <summary>Writes a timestamped line to the scenario's notes (and the console when verbose).</summary>
    public void Note(string line)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"+{clock.Elapsed.TotalSeconds,7:0.00}s {line}");
        lock (notes)
            notes.WriteLine(text);
        if (Verbose)
            Console.WriteLine($"  [{Name}] {text}");
    }

    public static bool Verbose { get; set; }

    /// <summary>Production-mode settings with short timings, so a scenario heals in seconds instead of minutes.</summary>
    public HostProcessOptions HostOptions(string readyPath = "health/ready")
    {
        var options = new HostProcessOptions { ReadyPath = readyPath, StartTimeout = TimeSpan.FromSeconds(90) };
        var env = options.Environment;
        env["ConnectionStrings__DuplexBus"] = HostConnectionString;
        env["ConnectionStrings__RabbitMq"] = RabbitMqUri;
        env["DuplexBus__Callbacks__Timeout"] = "00:00:02";
        env["DuplexBus__Callbacks__InitialRetryDelay"] = "00:00:00.200";
        env["DuplexBus__Callbacks__MaxRetryDelay"] = "00:00:02";
        env["DuplexBus__Callbacks__PollInterval"] = "00:00:00.200";
        env["DuplexBus__Callbacks__Lease"] = "00:00:10";
        env["DuplexBus__Callbacks__PauseFor"] = "00:00:01";
        env["DuplexBus__Outbox__PollInterval"] = "00:00:00.500";
        env["Samples__Work__UnitLength"] = "00:00:00.050";
        foreach (var (key, value) in HostEnvironment)
            env[key] = value;
        return options;
    }

    /// <summary>Starts a host with this stage's settings (plus <paramref name="configure"/>), killed at teardown.</summary>
    public async Task<HostProcess> StartHostAsync(string label, Action<HostProcessOptions>? configure = null, string readyPath = "health/ready")
    {
        var options = HostOptions(readyPath);
        configure?.Invoke(options);
        Note($"starting host {label}");
        HostProcess host;
        try
        {
            host = await HostProcess.StartAsync(options).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // The exception carries the host's last output lines; the process is gone.
            await File.WriteAllTextAsync(Path.Combine(LogDirectory, $"host-{label}-failed-start.log"), e.Message).ConfigureAwait(false);
            Note($"host {label} did not start: {e.Message.Split('\n')[0]}");
            throw;
        }

        hosts.Add(host);
        labelled.Add((label, host));
        Teardown.Add($"host {label}", () => SaveAndKillAsync(label, host));
        Note($"host {label} ready at {host.BaseAddress} (pid {host.ProcessId})");
        return host;
    }

    /// <summary>Starts a callback receiver on a free port, stopped at teardown.</summary>
    public async Task<CallbackReceiver> StartReceiverAsync()
    {
        var receiver = await CallbackReceiver.StartAsync().ConfigureAwait(false);
        Receivers.Add(receiver);
        Teardown.Add("callback receiver", receiver);
        return receiver;
    }

    public NpgsqlConnection Connect() =>
        new(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5, CommandTimeout = 10 }.ConnectionString);

    /// <summary>Every line the stage's hosts wrote so far (for findings).</summary>
    public IEnumerable<string> HostLines() => labelled.SelectMany(h => h.Host.OutputLines.Select(l => $"[{h.Label}] {l}"));

    public async ValueTask DisposeAsync()
    {
        await Teardown.DisposeAsync().ConfigureAwait(false);
        await notes.DisposeAsync().ConfigureAwait(false);
    }

    private async Task SaveAndKillAsync(string label, HostProcess host)
    {
        await host.KillAsync().ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(LogDirectory, $"host-{label}.log"), host.OutputLines).ConfigureAwait(false);
        await host.DisposeAsync().ConfigureAwait(false);
    }
}
