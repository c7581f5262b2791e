namespace DuplexBus.Testing;

/// <summary>
/// A PostgreSQL cluster of a test's own, outside the shared <see cref="ServersFixture"/>: in a folder the test chooses
/// (a small tmpfs, say, to run it out of disk) and with its own initdb arguments. Stopped and deleted on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly LocalPostgres local;

    private PrivatePostgres(LocalPostgres local, PostgresServer server)
    {
        this.local = local;
        Server = server;
    }

    /// <summary>The server: connection string, and stop, kill and start like the shared one.</summary>
    public PostgresServer Server { get; }

    /// <summary>The cluster's data directory (PGDATA), e.g. to find pg_wal.</summary>
    public string DataDirectory => local.DataDirectory;

    /// <summary>initdb in <paramref name="rootDirectory"/> (created when missing, owned by the postgres user) and start.</summary>
    public static async Task<PrivatePostgres> StartAsync(string rootDirectory, params string[] initdbArguments)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var local = await LocalPostgres.StartNewAsync(rootDirectory, initdbArguments).ConfigureAwait(false);
        var server = new PostgresServer(
            ServerSource.LocalProcess, local.AdminConnectionString, local.Port, local, clock.Elapsed,
            $"PostgreSQL {local.Version} private process on 127.0.0.1:{local.Port} in {rootDirectory}");
        return new PrivatePostgres(local, server);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
