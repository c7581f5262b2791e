using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Edge;

/// <summary>
/// The production host the edge figures are measured on, and the baseline's database on the same PostgreSQL. Disposing
/// it stops the host and drops its database and virtual host, with the backlog the saga had not worked off yet.
/// </summary>
internal sealed class EdgeHost : IAsyncDisposable
{
    private readonly ServersFixture _servers;
    private readonly HostProcessOptions _options;
    private readonly string _database;

    private EdgeHost(ServersFixture servers, HostProcessOptions options, string database, HostProcess host, string baselineDatabase)
    {
        _servers = servers;
        _options = options;
        _database = database;
        Host = host;
        BaselineDatabase = baselineDatabase;
    }

    public HostProcess Host { get; }

    /// <summary>Where the baseline's INSERT + COMMIT go (its table created).</summary>
    public string BaselineDatabase { get; }

    /// <param name="idleSequences">How many idle sequences will be opened from this process besides the load's own.</param>
    public static async Task<EdgeHost> StartAsync(ServersFixture servers, int idleSequences)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var (options, database) = await ProductionHost.OptionsAsync(servers, "edge");
        // The idle row opens all its sequences from one address; past the host's per-client limit (1,000 by default)
        // they would be refused. The load's own sessions stay open beside them (WCF's are aborted, not closed).
        if (idleSequences > 0)
            options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequencesPerClient"] = (idleSequences + 1_000).ToString(CultureInfo.InvariantCulture);
        // These rows measure what the edge takes, not how fast the sagas behind it apply: with the backlog limit on
        // (the default), the edge would slow to the sagas' pace once they are 1,000 messages behind. e2e measures that.
        options.Environment["DuplexBus__Edge__BacklogLimit__MaxQueuedMessages"] = "0";
        var baselineDatabase = await servers.CreateDatabaseAsync("baseline");
        await Baseline.CreateTableAsync(baselineDatabase);
        return new EdgeHost(servers, options, database, await HostProcess.StartAsync(options), baselineDatabase);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await ProductionHost.DropAsync(_servers, _options, _database);
    }
}
