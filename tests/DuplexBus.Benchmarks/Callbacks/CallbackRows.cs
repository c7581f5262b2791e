using DuplexBus.Callbacks;
using Npgsql;
using NpgsqlTypes;

namespace DuplexBus.Benchmarks.Callbacks;

/// <summary>
/// WorkCompleted callbacks as the sample's saga writes them, as rows of <c>callback_message</c> (inserted directly,
/// due at once) and as the envelopes the dispatcher sends for them.
/// </summary>
internal static class CallbackRows
{
    public const string Action = "urn:duplexbus:samples/WorkCallback/WorkCompleted";

    /// <summary>Delivery settings of the callback benchmarks: <paramref name="concurrency"/> in flight, and a short poll for rows inserted behind the host's back.</summary>
    public static void Configure(IDictionary<string, string> environment, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["DuplexBus__Callbacks__Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["DuplexBus__Callbacks__PollInterval"] = "00:00:00.050";
    }

    /// <summary>One COPY of pending callbacks to <paramref name="address"/>, all due now, without a correlation id (so no bus events follow).</summary>
    public static Task InsertAsync(NpgsqlDataSource dataSource, int count, Uri address) => InsertAsync(dataSource, count, address, DateTime.UtcNow);

    /// <summary>As <see cref="InsertAsync(NpgsqlDataSource, int, Uri)"/>, all due at <paramref name="dueAt"/> (UTC).</summary>
    public static async Task InsertAsync(NpgsqlDataSource dataSource, int count, Uri address, DateTime dueAt)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(address);
        var now = DateTime.UtcNow;
        var target = address.ToString();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY callback_message (id, address, soap_version, addressing_version, action, headers, body, state, attempts, next_attempt_at, created_at, window_started_at, echo_activity_id) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var instanceId = Guid.NewGuid();
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(target, NpgsqlDbType.Varchar);
            await copy.WriteAsync("1.2", NpgsqlDbType.Varchar);
            await copy.WriteAsync("1.0", NpgsqlDbType.Varchar);
            await copy.WriteAsync(Action, NpgsqlDbType.Varchar);
            await copy.WriteAsync(Headers(instanceId), NpgsqlDbType.Text);
            await copy.WriteAsync(Body(instanceId), NpgsqlDbType.Text);
            await copy.WriteAsync((int)CallbackState.Pending, NpgsqlDbType.Integer);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            await copy.WriteAsync(dueAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        }
        await copy.CompleteAsync();
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM callback_message WHERE state = $1");
        command.Parameters.AddWithValue((int)state);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The envelopes the dispatcher would send for <paramref name="count"/> fresh callbacks.</summary>
    public static CallbackEnvelope[] Envelopes(int count, Uri address) =>
        [.. Enumerable.Range(0, count).Select(_ => CallbackEnvelope.For(Callback(Guid.NewGuid(), Guid.NewGuid(), address)))];

    /// <summary>A WorkCompleted callback as the sample's saga writes it: the client's context as reference parameter.</summary>
    private static CallbackMessage Callback(Guid id, Guid instanceId, Uri address) => new()
    {
        Id = id,
        Address = address.ToString(),
        SoapVersion = "1.2",
        AddressingVersion = "1.0",
        Action = Action,
        Headers = Headers(instanceId),
        Body = Body(instanceId),
    };

    private static string Headers(Guid instanceId) =>
        $"<Context xmlns=\"http://schemas.microsoft.com/ws/2006/05/context\"><Property name=\"instanceId\">{instanceId}</Property></Context>";

    private static string Body(Guid instanceId) =>
        $"<WorkCompleted xmlns=\"urn:duplexbus:samples\"><instanceId>{instanceId}</instanceId><itemCount>5</itemCount></WorkCompleted>";
}
