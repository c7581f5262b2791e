using System.Text.Json.Nodes;
using DuplexBus.Testing;
using Npgsql;
using NpgsqlTypes;

namespace DuplexBus.Benchmarks.Work;

/// <summary>
/// AddItem messages written straight into <c>outbox_message</c>, as the edge would have committed them: the message type
/// and body shape are copied from a row the edge wrote for a real request, so the relay reads them as its own.
/// </summary>
internal sealed class AddItemRows
{
    private readonly string _messageType;
    private readonly JsonObject _body;

    private AddItemRows(string messageType, JsonObject body)
    {
        _messageType = messageType;
        _body = body;
    }

    /// <summary>Sends one AddItem through the running host (and waits until it is applied), then reads the outbox row the edge wrote for it.</summary>
    public static async Task<AddItemRows> CaptureAsync(HostProcess host, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await AppliedItem.SendAsync(host, dataSource);
        await using var read = dataSource.CreateCommand("SELECT message_type, body::text FROM outbox_message ORDER BY seq LIMIT 1");
        await using var reader = await read.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new InvalidOperationException("The edge answered 202 but wrote no outbox row.");
        var (messageType, body) = (reader.GetString(0), reader.GetString(1));
        return JsonNode.Parse(body) is JsonObject json && json.ContainsKey("instanceId") && json.ContainsKey("index")
            ? new AddItemRows(messageType, json)
            : throw new InvalidOperationException($"The edge wrote an AddItem body of another shape than expected: {body}");
    }

    /// <summary>
    /// One COPY of unsent rows: items 1..<paramref name="itemsPerInstance"/> of every instance, taken round-robin (item
    /// 1 of each instance, then item 2 of each, …), so the relay publishes each instance's items in order.
    /// </summary>
    public async Task InsertAsync(NpgsqlDataSource dataSource, IReadOnlyList<Guid> instances, int itemsPerInstance)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(instances);
        var now = DateTime.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY outbox_message (message_id, message_type, body, created_at, attempts) FROM STDIN (FORMAT BINARY)");
        for (var index = 1; index <= itemsPerInstance; index++)
        {
            foreach (var instance in instances)
            {
                _body["instanceId"] = instance;
                _body["index"] = index;
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(_messageType, NpgsqlDbType.Varchar);
                await copy.WriteAsync(_body.ToJsonString(), NpgsqlDbType.Jsonb);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }
        }
        await copy.CompleteAsync();
    }

    /// <summary>Rows not yet relayed.</summary>
    public static async Task<long> UnsentAsync(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        // Counted on the relay's own partial index, which shrinks as the rows go out.
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outbox_message WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
