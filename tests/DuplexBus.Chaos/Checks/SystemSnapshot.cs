using System.Text.Json;
using DuplexBus.Chaos.Environment;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Chaos.Checks;

/// <summary>The saga row of one instance (what GetStatus reports).</summary>
internal sealed record SagaRow(Guid Instance, string State, int ItemCount, int LastIndex, bool InOrder, int Run, bool CallbackDelivered, bool Completed);

/// <summary>An outbox row the edge committed for a workload message: the durable record that it was accepted.</summary>
internal sealed record OutboxRow(long Seq, Guid MessageId, string Kind, Guid Instance, int Index, bool Sent);

/// <summary>A callback row.</summary>
internal sealed record CallbackRow(Guid Id, Guid? Instance, int State, int Attempts, int? LastStatus, string? LastError);

/// <summary>A callback request a receiver got.</summary>
internal sealed record ReceivedCallback(int Port, Guid Instance, string MessageId, int Status);

/// <summary>Everything the checks read, taken at one moment once the system is quiet.</summary>
internal sealed record SystemSnapshot(
    IReadOnlyDictionary<Guid, SagaRow> Sagas,
    IReadOnlyList<OutboxRow> Outbox,
    IReadOnlyList<CallbackRow> Callbacks,
    IReadOnlyList<ReceivedCallback> Received,
    IReadOnlySet<Guid> SagaInboxMarks)
{
    public static async Task<SystemSnapshot> TakeAsync(Stage stage, CancellationToken ct)
    {
        await using var db = stage.Connect();
        await db.OpenAsync(ct).ConfigureAwait(false);
        var sagas = new Dictionary<Guid, SagaRow>();
        await using (var read = await Command(db, "SELECT correlation_id, current_state, item_count, last_index, in_order, run, callback_delivered, completed_at IS NOT NULL FROM work_state").ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await read.ReadAsync(ct).ConfigureAwait(false))
            {
                sagas[read.GetGuid(0)] = new SagaRow(read.GetGuid(0), read.GetString(1), read.GetInt32(2), read.GetInt32(3), read.GetBoolean(4), read.GetInt32(5), read.GetBoolean(6), read.GetBoolean(7));
            }
        }

        var outbox = new List<OutboxRow>();
        await using (var read = await Command(db, "SELECT seq, message_id, message_type, body, sent_at IS NOT NULL FROM outbox_message WHERE message_type LIKE '%:AddItem' OR message_type LIKE '%:StartWork' ORDER BY seq").ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await read.ReadAsync(ct).ConfigureAwait(false))
            {
                var kind = read.GetString(2).EndsWith(":AddItem", StringComparison.Ordinal) ? "AddItem" : "StartWork";
                if (Parse(read.GetString(3)) is { } parsed)
                    outbox.Add(new OutboxRow(read.GetInt64(0), read.GetGuid(1), kind, parsed.Instance, parsed.Index, read.GetBoolean(4)));
            }
        }

        var callbacks = new List<CallbackRow>();
        await using (var read = await Command(db, "SELECT id, correlation_id, state, attempts, last_status_code, last_error FROM callback_message").ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await read.ReadAsync(ct).ConfigureAwait(false))
            {
                callbacks.Add(new CallbackRow(
                    read.GetGuid(0), read.IsDBNull(1) ? null : read.GetGuid(1), read.GetInt32(2), read.GetInt32(3),
                    read.IsDBNull(4) ? null : read.GetInt32(4), read.IsDBNull(5) ? null : read.GetString(5)));
            }
        }

        // Which messages the saga's inbox says it applied: a loss "after the outbox" is then either a message the saga
        // never consumed, or one whose mark committed without its effect.
        var marks = new HashSet<Guid>();
        await using (var read = await Command(db, "SELECT message_id FROM inbox_state WHERE consumer LIKE 'saga:%'").ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await read.ReadAsync(ct).ConfigureAwait(false))
                marks.Add(read.GetGuid(0));
        }

        var received = stage.Receivers.SelectMany(r => r.Requests.Select(q => ReadCallback(r, q))).OfType<ReceivedCallback>().ToList();
        return new SystemSnapshot(sagas, outbox, callbacks, received, marks);
    }

    /// <summary>What changed between two snapshots taken a quiet while apart (nothing, in a healthy system).</summary>
    public IReadOnlyList<string> ChangesSince(SystemSnapshot earlier)
    {
        var changes = new List<string>();
        foreach (var (id, now) in Sagas)
        {
            if (!earlier.Sagas.TryGetValue(id, out var before))
                changes.Add($"saga {id} appeared: {now}");
            else if (before != now)
                changes.Add($"saga {id} changed: {before} -> {now}");
        }

        if (Outbox.Count != earlier.Outbox.Count)
            changes.Add($"outbox rows {earlier.Outbox.Count} -> {Outbox.Count}");
        if (Received.Count != earlier.Received.Count)
            changes.Add($"callback requests {earlier.Received.Count} -> {Received.Count}");
        return changes;
    }

    private static NpgsqlCommand Command(NpgsqlConnection db, string sql) => new(sql, db);

    private static (Guid Instance, int Index)? Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var instance = root.GetProperty("instanceId").GetGuid();
            var index = root.TryGetProperty("index", out var i) ? i.GetInt32() : 0;
            return (instance, index);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ReceivedCallback? ReadCallback(CallbackReceiver receiver, ReceivedRequest request)
    {
        try
        {
            var envelope = request.Envelope();
            var body = envelope.Elements().First(e => e.Name.LocalName == "Body").Elements().First();
            var instance = Guid.Parse(body.Elements().First(e => e.Name.LocalName == "instanceId").Value);
            var header = envelope.Elements().FirstOrDefault(e => e.Name.LocalName == "Header");
            var messageId = header?.Elements().FirstOrDefault(e => e.Name.LocalName == "MessageID")?.Value ?? "";
            return new ReceivedCallback(receiver.Port, instance, messageId, request.AnsweredStatus);
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
