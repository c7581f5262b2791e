using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Faults;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 7a: PostgreSQL out of disk for its WAL. The scenario's database is on a cluster of its own whose data
/// directory is on a small tmpfs (1 MB WAL segments); the disk is filled until the WAL cannot grow and PostgreSQL stops
/// (PANIC). At the heal the space comes back and the cluster is started again if it went down.
/// </summary>
internal sealed class WalDiskFull : Scenario
{
    private DiskFiller? filler;
    private PrivatePostgres? cluster;

    public override string Name => "postgres-wal-disk-full";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 8, 25);

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        var disk = await TmpfsMount.MountAsync("wal", 96).ConfigureAwait(false);
        stage.Teardown.Add("tmpfs (WAL)", disk);
        cluster = await PrivatePostgres.StartAsync(Path.Combine(disk.Path, "pg"), "--wal-segsize=1").ConfigureAwait(false);
        stage.Teardown.Add("private PostgreSQL on tmpfs", cluster);
        await using (var admin = new NpgsqlConnection(cluster.Server.AdminConnectionString))
        {
            await admin.OpenAsync(ct).ConfigureAwait(false);
            await using var create = new NpgsqlCommand("CREATE DATABASE chaos", admin);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        stage.Postgres = cluster.Server;
        stage.ConnectionString = new NpgsqlConnectionStringBuilder(cluster.Server.AdminConnectionString) { Database = "chaos" }.ConnectionString;
        stage.HostConnectionString = stage.ConnectionString;
        filler = new DiskFiller(disk);
        stage.Note($"cluster in {cluster.DataDirectory} on a 96 MB tmpfs, {disk.Free / 1048576} MB free");
        await base.ArrangeAsync(stage, ct).ConfigureAwait(false);
    }

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        await filler!.FillAsync(0).ConfigureAwait(false);
        stage.Note("disk filled");
        // Light traffic may fit in the current segment: write WAL alone (no data file grows) until a new segment is
        // needed and cannot be created.
        for (var i = 0; i < 40; i++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster!.Server.AdminConnectionString) { Pooling = false, Timeout = 3 }.ConnectionString);
                await admin.OpenAsync(ct).ConfigureAwait(false);
                await using var write = new NpgsqlCommand("SELECT pg_logical_emit_message(false, 'chaos', repeat('x', 262144))", admin);
                await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                stage.Note($"WAL write failed as intended after {i} writes: {e.Message.Split('\n')[0]}");
                break;
            }
        }
    }

    public override async Task HealAsync(Stage stage, CancellationToken ct)
    {
        filler?.Empty();
        stage.Note("disk space back");
        if (cluster is not null)
            await cluster.Server.StartAsync().ConfigureAwait(false);
    }
}
