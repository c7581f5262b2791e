using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DuplexBus.Testing;

/// <summary>
/// One real PostgreSQL and one real RabbitMQ for a whole test assembly, taken from (in this order)
/// environment variables, Testcontainers when a Docker engine answers, or private local processes.
/// Tests isolate themselves with <see cref="CreateDatabaseAsync"/> and <see cref="CreateVirtualHostAsync"/>.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    /// <summary>Npgsql connection string of a server where the user may CREATE DATABASE.</summary>
    public const string PostgresVariable = "DUPLEXBUS_TEST_POSTGRES";

    /// <summary>amqp://user:pass@host:port/ of an existing broker.</summary>
    public const string RabbitMqVariable = "DUPLEXBUS_TEST_RABBITMQ";

    private static readonly TimeSpan ExternalProbeTimeout = TimeSpan.FromSeconds(30);

    private readonly IMessageSink? diagnostics;
    private readonly ConcurrentBag<string> externalDatabases = [];
    private readonly Lazy<Task<bool>> dockerAvailable = new(DockerProbe.EngineAnswersAsync);
    private PostgresServer? postgres;
    private RabbitMqServer? rabbitMq;

    public ServersFixture(IMessageSink? diagnostics)
    {
        this.diagnostics = diagnostics;
    }

    public PostgresServer Postgres => postgres ?? throw NotInitialized();

    public RabbitMqServer RabbitMq => rabbitMq ?? throw NotInitialized();

    public async Task InitializeAsync()
    {
        var postgresTask = StartPostgresAsync();
        var rabbitMqTask = StartRabbitMqAsync();
        try
        {
            await Task.WhenAll(postgresTask, rabbitMqTask).ConfigureAwait(false);
        }
        catch
        {
            // Servers that did start must not outlive a failed initialization; the fields stay null, so a later
            // DisposeAsync has nothing left to do.
            if (postgresTask.IsCompletedSuccessfully)
            {
                await postgresTask.Result.DisposeAsync().ConfigureAwait(false);
            }

            if (rabbitMqTask.IsCompletedSuccessfully)
            {
                await rabbitMqTask.Result.DisposeAsync().ConfigureAwait(false);
            }

            var failures = new[] { postgresTask.Exception, rabbitMqTask.Exception }
                .Where(e => e is not null)
                .SelectMany(e => e!.InnerExceptions)
                .ToList();
            throw failures.Count == 1 ? failures[0] : new AggregateException("Test servers failed to start.", failures);
        }

        postgres = postgresTask.Result;
        rabbitMq = rabbitMqTask.Result;
        Report($"{postgres.Description}: ready in {postgres.StartupTime.TotalSeconds:0.00}s");
        Report($"{rabbitMq.Description}: ready in {rabbitMq.StartupTime.TotalSeconds:0.00}s");
    }

    public async Task DisposeAsync()
    {
        await DropExternalDatabasesAsync().ConfigureAwait(false);
        await Task.WhenAll(DisposeQuietlyAsync(postgres is null ? null : postgres.DisposeAsync), DisposeQuietlyAsync(rabbitMq is null ? null : rabbitMq.DisposeAsync))
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Creates an empty database named after <paramref name="prefix"/> plus a random suffix and returns
    /// its connection string (with error details, so constraint failures say which row).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = UniqueName.Create(prefix);
        await using (var connection = new NpgsqlConnection(Unpooled(Postgres.AdminConnectionString)))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            // The name is [a-z0-9_] only (see UniqueName), so quoting it is enough.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        if (!Postgres.CanControl)
        {
            externalDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(Postgres.AdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>
    /// Creates a fresh virtual host and returns the AMQP URI for it. A broker given by
    /// DUPLEXBUS_TEST_RABBITMQ cannot be administered, so its URI comes back unchanged.
    /// </summary>
    public async Task<string> CreateVirtualHostAsync(string prefix)
    {
        if (!RabbitMq.CanControl)
        {
            return RabbitMq.AmqpUri;
        }

        var name = UniqueName.Create(prefix);
        await RabbitMq.AddVirtualHostAsync(name).ConfigureAwait(false);
        return $"{RabbitMq.AmqpUri.TrimEnd('/')}/{Uri.EscapeDataString(name)}";
    }

    private async Task<PostgresServer> StartPostgresAsync()
    {
        var clock = Stopwatch.StartNew();
        var external = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var builder = new NpgsqlConnectionStringBuilder(external);
            await Eventually.Until(
                () => PostgresProbe.ProblemAsync(external),
                problem => problem is null,
                ExternalProbeTimeout,
                $"the PostgreSQL server from {PostgresVariable} ({builder.Host}:{builder.Port}) answers").ConfigureAwait(false);
            return new PostgresServer(
                ServerSource.Environment, external, builder.Port, null, clock.Elapsed,
                $"PostgreSQL from {PostgresVariable} at {builder.Host}:{builder.Port}");
        }

        if (await dockerAvailable.Value.ConfigureAwait(false))
        {
            var container = await PostgresContainerControl.StartNewAsync().ConfigureAwait(false);
            return new PostgresServer(
                ServerSource.Container, container.AdminConnectionString, container.Port, container, clock.Elapsed,
                $"PostgreSQL container on port {container.Port}");
        }

        var local = await LocalPostgres.StartNewAsync().ConfigureAwait(false);
        return new PostgresServer(
            ServerSource.LocalProcess, local.AdminConnectionString, local.Port, local, clock.Elapsed,
            $"PostgreSQL {local.Version} private process on 127.0.0.1:{local.Port}");
    }

    private async Task<RabbitMqServer> StartRabbitMqAsync()
    {
        var clock = Stopwatch.StartNew();
        var external = Environment.GetEnvironmentVariable(RabbitMqVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var uri = new Uri(external);
            var tls = string.Equals(uri.Scheme, "amqps", StringComparison.OrdinalIgnoreCase);
            var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port;
            // The raw protocol-header probe cannot speak TLS; an amqps broker is trusted as given.
            if (!tls)
            {
                await Eventually.Until(
                    () => AmqpProbe.ProblemAsync(uri.Host, port, TimeSpan.FromSeconds(2)),
                    problem => problem is null,
                    ExternalProbeTimeout,
                    $"the RabbitMQ broker from {RabbitMqVariable} ({uri.Host}:{port}) answers AMQP").ConfigureAwait(false);
            }

            return new RabbitMqServer(
                ServerSource.Environment, external, port, null, clock.Elapsed,
                $"RabbitMQ from {RabbitMqVariable} at {uri.Host}:{port}");
        }

        if (await dockerAvailable.Value.ConfigureAwait(false))
        {
            var container = await RabbitMqContainerControl.StartNewAsync().ConfigureAwait(false);
            return new RabbitMqServer(
                ServerSource.Container, container.AmqpUri, container.Port, container, clock.Elapsed,
                $"RabbitMQ container on port {container.Port}");
        }

        var local = await LocalRabbitMq.StartNewAsync().ConfigureAwait(false);
        return new RabbitMqServer(
            ServerSource.LocalProcess, local.AmqpUri, local.Port, local, clock.Elapsed,
            $"RabbitMQ private node {local.NodeName} on 127.0.0.1:{local.Port}");
    }

    private async Task DropExternalDatabasesAsync()
    {
        if (postgres is null || externalDatabases.IsEmpty)
        {
            return;
        }

        // Only databases on a shared external server outlive the run; private servers vanish with their folder.
        try
        {
            await using var connection = new NpgsqlConnection(Unpooled(postgres.AdminConnectionString));
            await connection.OpenAsync().ConfigureAwait(false);
            foreach (var name in externalDatabases)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException ex)
        {
            Report($"Could not drop test databases on the external server: {ex.Message}");
        }
    }

    private async Task DisposeQuietlyAsync(Func<ValueTask>? dispose)
    {
        if (dispose is null)
        {
            return;
        }

        try
        {
            await dispose().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            // Teardown problems must not hide test results; the server has been forced down regardless.
            Report($"Test server teardown: {ex.Message}");
        }
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private void Report(string message) =>
        diagnostics?.OnMessage(new DiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"[{nameof(ServersFixture)}] {message}")));

    private static InvalidOperationException NotInitialized() =>
        new($"{nameof(ServersFixture)} is not initialized: use it as an xunit fixture (InitializeAsync runs first).");
}
