using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Workload;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 3: the host is killed with SIGKILL again and again and restarted on the same port: once while the relay has
/// rows to publish (mid-relay), once while a callback is leased and in flight (mid-callback; the receiver is slow), and
/// at seeded random moments while clients are sending (mid-commit).
/// </summary>
internal sealed class HostKilled : Scenario
{
    public override string Name => "host-killed";

    public override TimeSpan FaultDuration(Stage stage) => TimeSpan.Zero;

    public override WorkloadShape Shape(Stage stage) =>
        WorkloadShape.For(stage.Quick, stage.Random).Spread(TimeSpan.FromSeconds(stage.Quick ? 16 : 30)) with { CallbackWorks = stage.Quick ? 4 : 8 };

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        await base.ArrangeAsync(stage, ct).ConfigureAwait(false);
        stage.Receivers[0].AnswerWith(CallbackAnswer.Accepted with { Delay = TimeSpan.FromMilliseconds(1500) });
    }

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        string[] moments = stage.Quick ? ["mid-relay", "mid-callback", "random"] : ["mid-relay", "mid-callback", "random", "mid-relay", "random", "mid-callback"];
        foreach (var moment in moments)
        {
            var seen = moment switch
            {
                "mid-relay" => await WaitForAsync(stage, "SELECT count(*) FROM outbox_message WHERE sent_at IS NULL", ct).ConfigureAwait(false),
                "mid-callback" => await WaitForAsync(stage, "SELECT count(*) FROM callback_message WHERE state = 0 AND lease_id IS NOT NULL", ct).ConfigureAwait(false),
                _ => await RandomMomentAsync(stage, ct).ConfigureAwait(false),
            };
            var host = stage.Hosts[^1];
            await host.KillAsync().ConfigureAwait(false);
            stage.Note($"kill -9 {moment}{(seen ? "" : " (moment not seen within 8s; killed anyway)")}");
            await stage.StartHostAsync($"a{stage.Hosts.Count + 1}", o => o.Port = host.Port).ConfigureAwait(false);
        }
    }

    public override Task HealAsync(Stage stage, CancellationToken ct) => Task.CompletedTask;

    private static async Task<bool> RandomMomentAsync(Stage stage, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(stage.Random.Next(300, 2500)), ct).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> WaitForAsync(Stage stage, string countSql, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(8);
        while (DateTime.UtcNow < until)
        {
            await using var db = stage.Connect();
            await db.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(countSql, db);
            if ((long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))! > 0)
                return true;
            await Task.Delay(20, ct).ConfigureAwait(false);
        }

        return false;
    }
}
