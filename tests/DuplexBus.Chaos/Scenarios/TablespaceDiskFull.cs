using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Faults;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 7b: the scenario's database lives in a tablespace on a small tmpfs, which is filled: statements that need a
/// new page fail with 53100 (disk full) while the server stays up (its WAL is elsewhere). The edge must answer with clear
/// errors, never a false 202, and everything must flow once the space comes back.
/// </summary>
internal sealed class TablespaceDiskFull : Scenario
{
    private DiskFiller? filler;

    public override string Name => "postgres-tablespace-full";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 8, 25);

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        var disk = await TmpfsMount.MountAsync("tablespace", 48).ConfigureAwait(false);
        stage.Teardown.Add("tmpfs (tablespace)", disk);
        var location = Path.Combine(disk.Path, "ts");
        Directory.CreateDirectory(location);
        await ServerTools.RunCheckedAsync("chown", ["postgres:", location], TimeSpan.FromSeconds(10), cancellationToken: ct).ConfigureAwait(false);
        var name = "chaos_ts_" + Guid.NewGuid().ToString("N")[..8];
        await AdminAsync(stage, $"CREATE TABLESPACE {name} LOCATION '{location}'", ct).ConfigureAwait(false);
        await AdminAsync(stage, $"CREATE DATABASE {name} TABLESPACE {name}", ct).ConfigureAwait(false);
        stage.Teardown.Add("tablespace", async () =>
        {
            await AdminAsync(stage, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
            await AdminAsync(stage, $"DROP TABLESPACE IF EXISTS {name}", CancellationToken.None).ConfigureAwait(false);
        });
        stage.ConnectionString = new NpgsqlConnectionStringBuilder(stage.Servers.Postgres.AdminConnectionString) { Database = name }.ConnectionString;
        stage.HostConnectionString = stage.ConnectionString;
        filler = new DiskFiller(disk);
        await base.ArrangeAsync(stage, ct).ConfigureAwait(false);
    }

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        await filler!.FillAsync(0).ConfigureAwait(false);
        stage.Note("tablespace disk filled");
    }

    public override Task HealAsync(Stage stage, CancellationToken ct)
    {
        filler?.Empty();
        return Task.CompletedTask;
    }

    public override async Task CheckAsync(Stage stage, CancellationToken ct)
    {
        var seen = stage.HostLines().Count(l => l.Contains("53100", StringComparison.Ordinal) || l.Contains("No space left", StringComparison.Ordinal));
        stage.Note($"host log lines naming the full disk: {seen}");
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static async Task AdminAsync(Stage stage, string sql, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(stage.Servers.Postgres.AdminConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
