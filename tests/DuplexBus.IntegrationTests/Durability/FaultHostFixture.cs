using DuplexBus.Testing;
using Npgsql;
using RabbitMQ.Client;

namespace DuplexBus.IntegrationTests.Durability;

/// <summary>
/// A production-mode host (its own database and virtual host) with short pauses after failures, so fault tests see
/// recovery in seconds; plus what those tests look at: queue depths, outbox rows, and the <c>parked</c> CLI.
/// </summary>
public sealed class FaultHostFixture(ServersFixture servers) : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public HostProcess Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string RabbitMqUri { get; private set; } = "";

    public ServersFixture Servers => servers;

    public async Task InitializeAsync()
    {
        ConnectionString = await servers.CreateDatabaseAsync("faults");
        RabbitMqUri = await servers.CreateVirtualHostAsync("faults");
        Host = await HostProcess.StartAsync(Options());
    }

    public HostProcessOptions Options()
    {
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = ConnectionString;
        options.Environment["ConnectionStrings__RabbitMq"] = RabbitMqUri;
        options.Environment["DuplexBus__Outbox__BatchSize"] = "10";
        options.Environment["DuplexBus__Outbox__RetryDelay"] = "00:00:00.100";
        options.Environment["DuplexBus__Outbox__MaxRetryDelay"] = "00:00:01";
        options.Environment["DuplexBus__Outbox__MaxRowAttempts"] = "3";
        options.Environment["DuplexBus__Consumers__MaxRetryDelay"] = "00:00:01";
        return options;
    }

    /// <summary>Runs <c>dotnet DuplexBus.Host.dll parked …</c> against this fixture's database.</summary>
    public Task<ProcessResult> ParkedCommandAsync(params string[] arguments) =>
        ServerTools.RunAsync(
            "dotnet",
            [HostDllLocator.Locate(), "parked", .. arguments],
            CommandTimeout,
            new Dictionary<string, string>(Options().Environment),
            workingDirectory: Host.WorkingDirectory);

    /// <summary>Messages ready or unacknowledged in a queue of this fixture's virtual host; 0 when it does not exist.</summary>
    public async Task<long> QueueDepthAsync(string queue) =>
        (await servers.RabbitMq.QueueMessagesAsync(RabbitMqUri)).GetValueOrDefault(queue);

    /// <summary>
    /// Messages ready or unacknowledged in the sample saga's partition queues (<c>work-state-p0</c>, …), or in their
    /// error queues when <paramref name="suffix"/> is <c>_error</c>.
    /// </summary>
    public async Task<long> SagaQueueDepthAsync(string suffix = "") =>
        (await servers.RabbitMq.QueueMessagesAsync(RabbitMqUri))
            .Where(q => System.Text.RegularExpressions.Regex.IsMatch(q.Key, "^work-state-p[0-9]+" + suffix + "$"))
            .Sum(q => q.Value);

    /// <summary>Publishes raw bytes to an exchange of this fixture's virtual host, as a foreign or broken sender would.</summary>
    public async Task PublishRawAsync(string exchange, byte[] body, string contentType)
    {
        var factory = new ConnectionFactory { Uri = new Uri(RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = contentType, MessageId = Guid.NewGuid().ToString(), Persistent = true };
        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string?> ScalarTextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until nothing is in flight for this host, and stays so (see <see cref="Quiet"/>).</summary>
    public Task WaitQuietAsync(TimeSpan? timeout = null) =>
        Quiet.WaitAsync(ConnectionString, servers.RabbitMq, RabbitMqUri, timeout ?? TimeSpan.FromSeconds(90));

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
