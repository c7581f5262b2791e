using Npgsql;

namespace DuplexBus.Testing;

/// <summary>
/// "Exactly once" can only be judged once nothing is left in flight: no unsent outbox row, no pending callback, no
/// message ready or unacknowledged in any queue of the host's virtual host — and still so a moment later, so a late
/// redelivery or duplicate is caught by the check that follows.
/// </summary>
public static class Quiet
{
    private static readonly TimeSpan StaysQuietFor = TimeSpan.FromSeconds(2);

    /// <summary>Waits until the system is quiet, then checks it stays quiet; throws if it never settles.</summary>
    public static async Task WaitAsync(string connectionString, RabbitMqServer rabbitMq, string amqpUri, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(rabbitMq);
        await Eventually.Until(() => WhatIsBusyAsync(connectionString, rabbitMq, amqpUri), busy => busy is null, timeout, "nothing left in the outbox, the callbacks or the queues")
            .ConfigureAwait(false);
        await Task.Delay(StaysQuietFor).ConfigureAwait(false);
        if (await WhatIsBusyAsync(connectionString, rabbitMq, amqpUri).ConfigureAwait(false) is { } busy)
            throw new InvalidOperationException($"The system became busy again after it had gone quiet ({busy}): something was delivered late.");
    }

    /// <summary>What is still in flight, or null when nothing is.</summary>
    public static async Task<string?> WhatIsBusyAsync(string connectionString, RabbitMqServer rabbitMq, string amqpUri)
    {
        ArgumentNullException.ThrowIfNull(rabbitMq);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM outbox_message WHERE sent_at IS NULL) || ' unsent, ' || (SELECT count(*) FROM callback_message WHERE state = 0) || ' callbacks due'",
                connection);
            var database = (string)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
            if (database != "0 unsent, 0 callbacks due")
                return database;
        }
        var queues = await rabbitMq.QueueMessagesAsync(amqpUri).ConfigureAwait(false);
        var busy = queues.Where(q => q.Value > 0).Select(q => $"{q.Key}: {q.Value}").ToList();
        return busy.Count == 0 ? null : string.Join(", ", busy);
    }
}
