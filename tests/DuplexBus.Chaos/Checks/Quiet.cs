using System.Diagnostics;
using System.Globalization;
using DuplexBus.Chaos.Environment;
using Npgsql;

namespace DuplexBus.Chaos.Checks;

/// <summary>
/// Nothing due and nothing queued: no unsent outbox row (but the ones a scenario planted), no pending callback, and
/// no message in any queue of the scenario's virtual host (ready or unacknowledged). Error and skipped queues are
/// reported, not waited for: a message parked there will never leave on its own.
/// </summary>
internal static class Quiet
{
    /// <summary>The sample saga's first partition queue: once the hosts have started it always exists.</summary>
    private const string SagaQueue = "work-state-p0";

    /// <summary>Null when quiet; else what is still going on.</summary>
    public static async Task<string?> ProblemAsync(Stage stage, CancellationToken ct)
    {
        var database = await DatabaseProblemAsync(stage, ct).ConfigureAwait(false);
        if (database is not null)
            return database;
        var queues = await QueuesAsync(stage).ConfigureAwait(false);
        // Right after a broker restart a quorum queue may report no messages before it has recovered them.
        var recovering = queues.Where(q => q.State != "running").ToList();
        if (recovering.Count > 0)
            return "queues not running: " + string.Join(", ", recovering.Select(q => $"{q.Name} ({q.State})"));
        if (!queues.Any(q => q.Name == SagaQueue))
            return $"queue {SagaQueue} not listed yet";
        var busy = queues.Where(q => q.Messages != 0 && !IsParking(q.Name)).ToList();
        return busy.Count == 0 ? null : "queued: " + string.Join(", ", busy.Select(q => $"{q.Name}={q.Messages}"));
    }

    /// <summary>Waits until quiet; returns the time it took, or null and the last problem on timeout.</summary>
    public static async Task<(TimeSpan? After, string? Problem)> WaitAsync(Stage stage, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? problem = "not checked";
        while (clock.Elapsed < timeout)
        {
            try
            {
                problem = await ProblemAsync(stage, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                problem = $"cannot look: {e.Message}";
            }

            if (problem is null)
                return (clock.Elapsed, null);
            await Task.Delay(500, ct).ConfigureAwait(false);
        }

        return (null, problem);
    }

    /// <summary>Messages sitting in _error/_skipped queues (parked by MassTransit).</summary>
    public static async Task<IReadOnlyList<(string Name, long Messages)>> ParkedInBrokerAsync(Stage stage) =>
        [.. (await QueuesAsync(stage).ConfigureAwait(false)).Where(q => q.Messages > 0 && IsParking(q.Name)).Select(q => (q.Name, q.Messages))];

    private static bool IsParking(string queue) => queue.EndsWith("_error", StringComparison.Ordinal) || queue.EndsWith("_skipped", StringComparison.Ordinal);

    private static async Task<string?> DatabaseProblemAsync(Stage stage, CancellationToken ct)
    {
        await using var db = stage.Connect();
        await db.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM outbox_message WHERE sent_at IS NULL AND NOT (message_id = ANY(@planted))), " +
            "(SELECT count(*) FROM callback_message WHERE state = 0)", db);
        command.Parameters.AddWithValue("planted", stage.PlantedOutboxMessages.ToArray());
        await using var read = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await read.ReadAsync(ct).ConfigureAwait(false);
        var (unsent, pending) = (read.GetInt64(0), read.GetInt64(1));
        return unsent == 0 && pending == 0 ? null : $"unsent outbox rows {unsent}, pending callbacks {pending}";
    }

    private static async Task<IReadOnlyList<(string Name, long Messages, string State)>> QueuesAsync(Stage stage) =>
        [.. (await stage.RabbitMq.QueuesAsync(stage.VirtualHost).ConfigureAwait(false)).Select(q => (q.Name, q.Messages, q.State))];
}
