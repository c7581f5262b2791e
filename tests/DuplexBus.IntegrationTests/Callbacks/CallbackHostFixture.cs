using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A production-mode host (PostgreSQL + RabbitMQ, a database and vhost of its own) tuned so callbacks happen within
/// a test's patience: 10 ms work units, 200 ms first retry, 100 ms polls, a 3 s lease. Subclasses change more.
/// </summary>
public abstract class CallbackHostFixture(ServersFixture servers) : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public HostProcess Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string RabbitMqUri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await servers.CreateDatabaseAsync("callbacks");
        RabbitMqUri = await servers.CreateVirtualHostAsync("callbacks");
        Host = await HostProcess.StartAsync(Options());
    }

    /// <summary>This fixture's settings on its database and vhost (for a second host, or a command).</summary>
    public HostProcessOptions Options()
    {
        var options = new HostProcessOptions();
        var environment = options.Environment;
        environment["ConnectionStrings__DuplexBus"] = ConnectionString;
        environment["ConnectionStrings__RabbitMq"] = RabbitMqUri;
        environment["Samples__Work__UnitLength"] = "00:00:00.010";
        environment["DuplexBus__Outbox__PollInterval"] = "00:00:00.200";
        environment["DuplexBus__Callbacks__PollInterval"] = "00:00:00.100";
        environment["DuplexBus__Callbacks__InitialRetryDelay"] = "00:00:00.200";
        environment["DuplexBus__Callbacks__MaxRetryDelay"] = "00:00:01";
        environment["DuplexBus__Callbacks__Timeout"] = "00:00:05";
        environment["DuplexBus__Callbacks__Lease"] = "00:00:06";
        Configure(environment);
        return options;
    }

    /// <summary>Runs <c>dotnet DuplexBus.Host.dll callbacks …</c> against this fixture's database.</summary>
    public async Task<ProcessResult> CallbacksCommandAsync(params string[] arguments)
    {
        var options = Options();
        return await ServerTools.RunAsync(
            "dotnet",
            [HostDllLocator.Locate(), "callbacks", .. arguments],
            CommandTimeout,
            new Dictionary<string, string>(options.Environment),
            workingDirectory: Host.WorkingDirectory);
    }

    /// <summary>Runs <c>dotnet DuplexBus.Host.dll parked …</c> against this fixture's database, with extra settings.</summary>
    public async Task<ProcessResult> ParkedCommandAsync(IDictionary<string, string> settings, params string[] arguments)
    {
        var environment = new Dictionary<string, string>(Options().Environment);
        foreach (var (name, value) in settings)
            environment[name] = value;
        return await ServerTools.RunAsync("dotnet", [HostDllLocator.Locate(), "parked", .. arguments], CommandTimeout, environment, workingDirectory: Host.WorkingDirectory);
    }

    /// <summary>The callbacks written for an instance (the saga's correlation id), oldest first.</summary>
    public async Task<IReadOnlyList<StoredCallback>> CallbacksOfAsync(Guid instance)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, state, attempts, last_status_code, address FROM callback_message WHERE correlation_id = @instance ORDER BY created_at",
            connection);
        command.Parameters.AddWithValue("instance", instance);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredCallback>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredCallback(
                reader.GetGuid(0),
                (StoredCallbackState)reader.GetInt32(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetString(4)));
        }
        return rows;
    }

    /// <summary>
    /// Waits until the instance has exactly one callback and it satisfies <paramref name="done"/>; on timeout the
    /// message shows the rows last seen and what the host logged about callbacks.
    /// </summary>
    public async Task<StoredCallback> CallbackWhenAsync(Guid instance, Func<StoredCallback, bool> done, string because, TimeSpan? timeout = null)
    {
        IReadOnlyList<StoredCallback> rows = [];
        try
        {
            await Eventually.Until(
                async () => rows = await CallbacksOfAsync(instance),
                r => r.Count == 1 && done(r[0]),
                timeout ?? TimeSpan.FromSeconds(30),
                because);
            return rows[0];
        }
        catch (TimeoutException e)
        {
            var log = Host.OutputLines.Where(l => l.Contains("allback", StringComparison.Ordinal) || l.Contains("xception", StringComparison.Ordinal)).TakeLast(30);
            throw new TimeoutException(
                $"{e.Message}\nRows: {string.Join("; ", rows)}\nHost log about callbacks and exceptions:\n{string.Join('\n', log)}",
                e);
        }
    }

    /// <summary>How many callbacks to <paramref name="address"/> meet <paramref name="condition"/> (SQL on callback_message).</summary>
    public async Task<long> CountCallbacksToAsync(Uri address, string condition)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM callback_message WHERE address = @address AND {condition}", connection);
        command.Parameters.AddWithValue("address", address.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Outbox rows (the edge's commits) that mention the instance: zero when a call stored nothing.</summary>
    public async Task<long> OutboxRowsAboutAsync(Guid instance)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_message WHERE body::text ILIKE '%' || @instance || '%'", connection);
        command.Parameters.AddWithValue("instance", instance.ToString("D"));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The row's <c>last_error</c>: what the last attempt came to.</summary>
    public async Task<string?> LastErrorOfAsync(Guid callbackId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT last_error FROM callback_message WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", callbackId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>
    /// Writes a pending callback straight into the table, due now, as an application's own saga could with
    /// <c>CallbackWriter</c> in any message version (the sample always asks for an addressed one).
    /// </summary>
    public async Task<Guid> InsertCallbackAsync(Uri address, string soapVersion, string addressingVersion, string body)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO callback_message (id, address, soap_version, addressing_version, action, headers, body, state, attempts,
                                          next_attempt_at, created_at, window_started_at, echo_activity_id)
            VALUES (@id, @address, @soap, @addressing, @action, '', @body, 0, 0, now(), now(), now(), false)
            """,
            connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("address", address.ToString());
        command.Parameters.AddWithValue("soap", soapVersion);
        command.Parameters.AddWithValue("addressing", addressingVersion);
        command.Parameters.AddWithValue("action", CallbackSoap.WorkCompletedAction);
        command.Parameters.AddWithValue("body", body);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>The state and attempts of one callback row.</summary>
    public async Task<(StoredCallbackState State, int Attempts)> StateOfAsync(Guid callbackId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT state, attempts FROM callback_message WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", callbackId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((StoredCallbackState)reader.GetInt32(0), reader.GetInt32(1));
    }

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();

    /// <summary>Settings of the subclass, on top of the defaults above.</summary>
    protected virtual void Configure(IDictionary<string, string> environment)
    {
    }
}
