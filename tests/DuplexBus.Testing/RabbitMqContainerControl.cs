using System.Globalization;
using Testcontainers.RabbitMq;

namespace DuplexBus.Testing;

/// <summary>RabbitMQ in a Testcontainers container, bound to a fixed host port so restarts keep the address.</summary>
internal sealed class RabbitMqContainerControl : IRabbitMqControl
{
    private const string Image = "rabbitmq:3.13-alpine";
    // guest may only log in from the container's own loopback, so the container gets a real user.
    private const string User = "duplexbus";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly RabbitMqContainer container;

    private RabbitMqContainerControl(RabbitMqContainer container, int port)
    {
        this.container = container;
        Port = port;
    }

    public int Port { get; }

    public string AmqpUri => $"amqp://{User}:{User}@{container.Hostname}:{Port.ToString(CultureInfo.InvariantCulture)}/";

    public static async Task<RabbitMqContainerControl> StartNewAsync()
    {
        var port = FreePort.Next();
        var container = new RabbitMqBuilder(Image)
            .WithUsername(User)
            .WithPassword(User)
            .WithPortBinding(port, RabbitMqBuilder.RabbitMqPort)
            // Partitioned sagas route through a consistent-hash exchange (shipped with RabbitMQ, off by default).
            .WithCommand("sh", "-c", "rabbitmq-plugins enable --offline rabbitmq_consistent_hash_exchange && exec docker-entrypoint.sh rabbitmq-server")
            .Build();
        var control = new RabbitMqContainerControl(container, port);
        try
        {
            await container.StartAsync().ConfigureAwait(false);
            await control.WaitUntilReadyAsync().ConfigureAwait(false);
            return control;
        }
        catch
        {
            await control.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StartAsync()
    {
        await container.StartAsync().ConfigureAwait(false);
        await WaitUntilReadyAsync().ConfigureAwait(false);
    }

    public Task StopAsync() => container.StopAsync();

    public Task KillAsync() => container.StopAsync();

    public async Task AddVirtualHostAsync(string name)
    {
        await ExecAsync("rabbitmqctl", "add_vhost", name).ConfigureAwait(false);
        await ExecAsync("rabbitmqctl", "set_permissions", "-p", name, User, ".*", ".*", ".*").ConfigureAwait(false);
    }

    public async Task<ProcessResult> ControlAsync(IReadOnlyList<string> arguments)
    {
        string[] command = ["rabbitmqctl", .. arguments];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await container.ExecAsync(command).ConfigureAwait(false);
        return new ProcessResult(string.Join(" ", command), (int)(result.ExitCode ?? -1), result.Stdout + result.Stderr, clock.Elapsed);
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();

    private async Task ExecAsync(params string[] command)
    {
        var result = await container.ExecAsync(command).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{string.Join(' ', command)}` in the RabbitMQ container exited with {result.ExitCode}: {result.Stdout}{result.Stderr}");
        }
    }

    private async Task WaitUntilReadyAsync() => await Eventually.Until(
        () => AmqpProbe.ProblemAsync(container.Hostname, Port, TimeSpan.FromSeconds(2)),
        problem => problem is null,
        ReadyTimeout,
        $"the RabbitMQ container answers AMQP on port {Port}").ConfigureAwait(false);
}
