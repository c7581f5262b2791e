using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using DuplexBus.Testing;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

// Test names are behaviour sentences; underscores keep them readable in test reports.
#pragma warning disable CA1707

namespace DuplexBus.IntegrationTests;

[Collection(nameof(FaultServers))]
public sealed class ServersFixtureTests
{
    private const string UserTableCount =
        "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')";

    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(5);
    private readonly ServersFixture servers;
    private readonly ITestOutputHelper output;

    public ServersFixtureTests(ServersFixture servers, ITestOutputHelper output)
    {
        this.servers = servers;
        this.output = output;
        output.WriteLine($"{servers.Postgres} (ready after {servers.Postgres.StartupTime.TotalSeconds:0.00}s)");
        output.WriteLine($"{servers.RabbitMq} (ready after {servers.RabbitMq.StartupTime.TotalSeconds:0.00}s)");
    }

    [Fact]
    public async Task Created_database_answers_select_1()
    {
        var connectionString = await servers.CreateDatabaseAsync("Fixture Select-1");

        Assert.Equal(1, await ScalarAsync<int>(connectionString, "select 1"));
        Assert.StartsWith("fixture_select_1_", new NpgsqlConnectionStringBuilder(connectionString).Database);
    }

    [Fact]
    public async Task Created_databases_are_empty_and_distinct()
    {
        var first = await servers.CreateDatabaseAsync("fixture_distinct");
        var second = await servers.CreateDatabaseAsync("fixture_distinct");

        Assert.NotEqual(await ScalarAsync<string>(first, "select current_database()"), await ScalarAsync<string>(second, "select current_database()"));
        Assert.Equal(0L, await ScalarAsync<long>(first, UserTableCount));
        await ExecuteAsync(first, "create table only_in_first (id int primary key)");
        Assert.Equal(1L, await ScalarAsync<long>(first, UserTableCount));
        Assert.Equal(0L, await ScalarAsync<long>(second, UserTableCount));
    }

    [Fact]
    public async Task RabbitMq_answers_the_protocol_header_with_connection_start()
    {
        var uri = new Uri(servers.RabbitMq.AmqpUri);
        using var client = await ConnectAsync(uri);
        var stream = client.GetStream();
        await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray());

        var (type, payload) = await ReadFrameAsync(stream);

        Assert.Equal(1, type);
        Assert.Equal((10, 10), MethodOf(payload));
    }

    [Fact]
    public async Task Created_virtual_host_accepts_a_login_and_is_unique()
    {
        var first = await servers.CreateVirtualHostAsync("Fixture vhost");
        var second = await servers.CreateVirtualHostAsync("Fixture vhost");

        Assert.Equal("opened", await OpenAmqpConnectionAsync(new Uri(first)));
        if (!servers.RabbitMq.CanControl)
        {
            Assert.Equal(servers.RabbitMq.AmqpUri, first);
            return;
        }

        Assert.NotEqual(first, second);
        Assert.StartsWith("fixture_vhost_", VirtualHostOf(new Uri(first)));
        Assert.Equal("opened", await OpenAmqpConnectionAsync(new Uri(second)));
    }

    [Fact]
    public async Task Postgres_killed_with_sigkill_recovers_after_start()
    {
        // A server given by DUPLEXBUS_TEST_POSTGRES cannot be stopped or killed: then this test fails rather than passing unrun.
        Assert.True(servers.Postgres.CanControl, "this test stops the server; unset DUPLEXBUS_TEST_POSTGRES to run it on a private one");

        var database = await servers.CreateDatabaseAsync("fixture_crash");
        await ExecuteAsync(database, "create table survivors (id int primary key); insert into survivors values (42)");

        try
        {
            await TimedAsync("kill", servers.Postgres.KillAsync);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(database, "select 1"));
        }
        finally
        {
            await TimedAsync("start", servers.Postgres.StartAsync);
        }

        // Committed before the crash, so crash recovery must replay it.
        Assert.Equal(42, await ScalarAsync<int>(database, "select id from survivors"));
    }

    [Fact]
    public async Task Postgres_stopped_cleanly_starts_again()
    {
        // A server given by DUPLEXBUS_TEST_POSTGRES cannot be stopped or killed: then this test fails rather than passing unrun.
        Assert.True(servers.Postgres.CanControl, "this test stops the server; unset DUPLEXBUS_TEST_POSTGRES to run it on a private one");

        var database = await servers.CreateDatabaseAsync("fixture_stop");
        try
        {
            await TimedAsync("stop", servers.Postgres.StopAsync);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(database, "select 1"));
        }
        finally
        {
            await TimedAsync("start", servers.Postgres.StartAsync);
        }

        Assert.Equal(1, await ScalarAsync<int>(database, "select 1"));
    }

    [Fact]
    public async Task RabbitMq_killed_with_sigkill_recovers_after_start()
    {
        // A server given by DUPLEXBUS_TEST_RABBITMQ cannot be stopped or killed: then this test fails rather than passing unrun.
        Assert.True(servers.RabbitMq.CanControl, "this test stops the server; unset DUPLEXBUS_TEST_RABBITMQ to run it on a private one");

        var vhost = new Uri(await servers.CreateVirtualHostAsync("fixture_crash"));
        try
        {
            await TimedAsync("kill", servers.RabbitMq.KillAsync);
            Assert.NotEqual("opened", await OpenAmqpConnectionAsync(vhost));
        }
        finally
        {
            await TimedAsync("start", servers.RabbitMq.StartAsync);
        }

        // Same node, same data folder: the virtual host made before the crash is still there.
        Assert.Equal("opened", await OpenAmqpConnectionAsync(vhost));
    }

    [Fact]
    public async Task RabbitMq_stopped_cleanly_starts_again()
    {
        // A server given by DUPLEXBUS_TEST_RABBITMQ cannot be stopped or killed: then this test fails rather than passing unrun.
        Assert.True(servers.RabbitMq.CanControl, "this test stops the server; unset DUPLEXBUS_TEST_RABBITMQ to run it on a private one");

        var vhost = new Uri(await servers.CreateVirtualHostAsync("fixture_stop"));
        try
        {
            await TimedAsync("stop", servers.RabbitMq.StopAsync);
            Assert.NotEqual("opened", await OpenAmqpConnectionAsync(vhost));
        }
        finally
        {
            await TimedAsync("start", servers.RabbitMq.StartAsync);
        }

        Assert.Equal("opened", await OpenAmqpConnectionAsync(vhost));
    }

    private async Task TimedAsync(string step, Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        output.WriteLine($"{step}: {clock.Elapsed.TotalSeconds:0.00}s");
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        // Unpooled: a pooled connection could outlive a server crash and blur what these tests observe.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<TcpClient> ConnectAsync(Uri uri)
    {
        using var cts = new CancellationTokenSource(IoTimeout);
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, cts.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Speaks just enough AMQP 0-9-1 (PLAIN login, tune, Connection.Open) to prove the broker accepts
    /// these credentials on this virtual host. Returns "opened" or why not.
    /// </summary>
    private static async Task<string> OpenAmqpConnectionAsync(Uri uri)
    {
        try
        {
            using var client = await ConnectAsync(uri);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray());
            var (_, start) = await ReadFrameAsync(stream);
            if (MethodOf(start) != (10, 10))
            {
                return $"expected Connection.Start, got {MethodOf(start)}";
            }

            var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
            var startOk = new AmqpWriter().Method(10, 11).Table().ShortString("PLAIN")
                .LongString($"\0{credentials[0]}\0{credentials[1]}").ShortString("en_US");
            await stream.WriteAsync(startOk.Frame());

            var (_, tune) = await ReadFrameAsync(stream);
            if (MethodOf(tune) != (10, 30))
            {
                return $"login refused: {Describe(tune)}";
            }

            // Echo the broker's limits but ask for no heartbeats: this connection lives for milliseconds.
            var tuneOk = new AmqpWriter().Method(10, 31).Raw(tune.AsSpan(4, 6)).Short(0);
            await stream.WriteAsync(tuneOk.Frame());
            var open = new AmqpWriter().Method(10, 40).ShortString(VirtualHostOf(uri)).ShortString(string.Empty).Octet(0);
            await stream.WriteAsync(open.Frame());

            var (_, reply) = await ReadFrameAsync(stream);
            return MethodOf(reply) == (10, 41) ? "opened" : $"open refused: {Describe(reply)}";
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private static string VirtualHostOf(Uri uri)
    {
        var path = uri.AbsolutePath;
        return path is "" or "/" ? "/" : Uri.UnescapeDataString(path[1..]);
    }

    private static async Task<(byte Type, byte[] Payload)> ReadFrameAsync(NetworkStream stream)
    {
        using var cts = new CancellationTokenSource(IoTimeout);
        var header = new byte[7];
        await stream.ReadExactlyAsync(header, cts.Token);
        var size = (header[3] << 24) | (header[4] << 16) | (header[5] << 8) | header[6];
        var body = new byte[size + 1];
        await stream.ReadExactlyAsync(body, cts.Token);
        return (header[0], body[..size]);
    }

    private static (int ClassId, int MethodId) MethodOf(byte[] payload) =>
        payload.Length < 4 ? (-1, -1) : ((payload[0] << 8) | payload[1], (payload[2] << 8) | payload[3]);

    private static string Describe(byte[] payload)
    {
        // Connection.Close carries reply-code and reply-text: the broker's own reason.
        if (MethodOf(payload) == (10, 50) && payload.Length > 7)
        {
            var code = (payload[4] << 8) | payload[5];
            var text = Encoding.UTF8.GetString(payload, 7, Math.Min(payload[6], payload.Length - 7));
            return $"Connection.Close {code} {text}";
        }

        return $"method {MethodOf(payload)}";
    }

    private sealed class AmqpWriter
    {
        private readonly List<byte> payload = [];

        public AmqpWriter Method(int classId, int methodId) => Short(classId).Short(methodId);

        public AmqpWriter Octet(byte value)
        {
            payload.Add(value);
            return this;
        }

        public AmqpWriter Short(int value) => Octet((byte)(value >> 8)).Octet((byte)value);

        public AmqpWriter Long(int value) => Short(value >> 16).Short(value);

        public AmqpWriter Raw(ReadOnlySpan<byte> bytes)
        {
            payload.AddRange(bytes);
            return this;
        }

        public AmqpWriter Table() => Long(0);

        public AmqpWriter ShortString(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            return Octet((byte)bytes.Length).Raw(bytes);
        }

        public AmqpWriter LongString(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            return Long(bytes.Length).Raw(bytes);
        }

        public byte[] Frame()
        {
            var frame = new AmqpWriter().Octet(1).Short(0).Long(payload.Count).Raw([.. payload]).Octet(0xCE);
            return [.. frame.payload];
        }
    }
}
