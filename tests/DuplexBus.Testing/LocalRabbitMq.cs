using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace DuplexBus.Testing;

/// <summary>
/// A private RabbitMQ node: own node name, loopback AMQP and distribution ports, data/log/config folder
/// and Erlang cookie, so it never meets the system service or a parallel test run.
/// </summary>
internal sealed class LocalRabbitMq : IRabbitMqControl
{
    private const string ServiceUser = "rabbitmq";
    private const string User = "guest";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CtlTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly string serverScript;
    private readonly string ctlScript;
    private readonly string root;
    private readonly int distPort;
    private readonly SemaphoreSlim gate = new(1, 1);
    private Process? wrapper;

    private LocalRabbitMq(string serverScript, string ctlScript, string root, int port, int distPort)
    {
        this.serverScript = serverScript;
        this.ctlScript = ctlScript;
        this.root = root;
        this.distPort = distPort;
        Port = port;
        NodeName = $"duplexbus-{port.ToString(CultureInfo.InvariantCulture)}@localhost";
    }

    public int Port { get; }

    public string NodeName { get; }

    public string AmqpUri => $"amqp://{User}:{User}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/";

    private string PidFile => Path.Combine(root, "pid");

    private string ConsoleLog => Path.Combine(root, "console.log");

    private string NodeLog => Path.Combine(root, "log", $"{NodeName}.log");

    /// <summary>The Erlang VM (beam.smp) from the node's pid file; what <see cref="KillAsync"/> kills.</summary>
    public int? BeamProcessId => NodePid();

    /// <summary>True while the node's process runs (it may still be booting).</summary>
    public bool IsRunning => wrapper is { HasExited: false };

    /// <summary>
    /// Writes config and cookie into a fresh temp folder and boots the node. Nodes meant to form a cluster share a
    /// <paramref name="cookie"/>; a lone node gets a random one.
    /// </summary>
    public static async Task<LocalRabbitMq> StartNewAsync(string? cookie = null)
    {
        var server = ServerBinaries.RabbitMqScript("rabbitmq-server");
        var ctl = ServerBinaries.RabbitMqScript("rabbitmqctl");
        if (server is null || ctl is null)
        {
            throw new InvalidOperationException(
                "No RabbitMQ server found (/usr/lib/rabbitmq/bin/rabbitmq-server). Install Debian's rabbitmq-server " +
                "package (test.sh does), run a Docker engine, or set DUPLEXBUS_TEST_RABBITMQ.");
        }

        var root = Directory.CreateTempSubdirectory("duplexbus-rmq-").FullName;
        var node = new LocalRabbitMq(server, ctl, root, FreePort.Next(), FreePort.Next());
        try
        {
            await node.WriteConfigurationAsync(cookie ?? NewCookie()).ConfigureAwait(false);
            await node.StartAsync().ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StartAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (wrapper is { HasExited: false })
            {
                return;
            }

            wrapper?.Dispose();
            // A pid file left by a killed node would make the old pid look like the new one.
            File.Delete(PidFile);
            wrapper = LaunchNode();
            try
            {
                await WaitUntilReadyAsync(wrapper).ConfigureAwait(false);
            }
            catch
            {
                // A node that never became ready must not pass for a running one at the next StartAsync.
                wrapper.Kill(entireProcessTree: true);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public Task StopAsync() => gate.RunAsync(() => StopCoreAsync());

    public async Task KillAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (wrapper is not { HasExited: false } running)
            {
                return;
            }

            // The pid file names the Erlang VM itself (beam.smp), not the shell wrapper around it.
            if (NodePid() is { } pid)
            {
                await ServerTools.SendSignalAsync(pid, "KILL").ConfigureAwait(false);
                await ServerTools.WaitForProcessExitAsync(pid, ExitTimeout).ConfigureAwait(false);
            }
            else
            {
                running.Kill(entireProcessTree: true);
            }

            await WaitForWrapperExitAsync(running).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task AddVirtualHostAsync(string name)
    {
        await RunCtlAsync("add_vhost", name).ConfigureAwait(false);
        await RunCtlAsync("set_permissions", "-p", name, User, ".*", ".*", ".*").ConfigureAwait(false);
    }

    public Task<ProcessResult> ControlAsync(IReadOnlyList<string> arguments) => RunCtlRawAsync([.. arguments]);

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            if (wrapper is { HasExited: false })
            {
                wrapper.Kill(entireProcessTree: true);
            }

            wrapper?.Dispose();
            gate.Release();
            ServerTools.DeleteDirectory(root);
        }
    }

    private async Task StopCoreAsync()
    {
        if (wrapper is not { HasExited: false } running)
        {
            return;
        }

        // Whatever rabbitmqctl reports, the node must be gone afterwards: wait, then force it.
        var pid = NodePid();
        await RunCtlRawAsync("stop").ConfigureAwait(false);
        if (pid is { } beam && !await ServerTools.WaitForProcessExitAsync(beam, ExitTimeout).ConfigureAwait(false))
        {
            await ServerTools.SendSignalAsync(beam, "KILL").ConfigureAwait(false);
        }

        await WaitForWrapperExitAsync(running).ConfigureAwait(false);
    }

    private static async Task WaitForWrapperExitAsync(Process running)
    {
        using var cts = new CancellationTokenSource(ExitTimeout);
        try
        {
            await running.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            running.Kill(entireProcessTree: true);
        }
    }

    private Process LaunchNode()
    {
        string[] environment =
        [
            // The Erlang VM reads $HOME/.erlang.cookie: ours, not the system node's.
            $"HOME={root}",
            // Only matters when this node is the first on the machine and so starts the shared epmd.
            "ERL_EPMD_ADDRESS=127.0.0.1",
            $"RABBITMQ_NODENAME={NodeName}",
            $"RABBITMQ_NODE_IP_ADDRESS=127.0.0.1",
            $"RABBITMQ_NODE_PORT={Port.ToString(CultureInfo.InvariantCulture)}",
            $"RABBITMQ_DIST_PORT={distPort.ToString(CultureInfo.InvariantCulture)}",
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}",
            $"RABBITMQ_MNESIA_BASE={Path.Combine(root, "mnesia")}",
            $"RABBITMQ_LOG_BASE={Path.Combine(root, "log")}",
            $"RABBITMQ_CONFIG_FILE={Path.Combine(root, "rabbitmq")}",
            $"RABBITMQ_ADVANCED_CONFIG_FILE={Path.Combine(root, "advanced.config")}",
            $"RABBITMQ_CONF_ENV_FILE={Path.Combine(root, "rabbitmq-env.conf")}",
            $"RABBITMQ_ENABLED_PLUGINS_FILE={Path.Combine(root, "enabled_plugins")}",
            $"RABBITMQ_PID_FILE={PidFile}",
        ];
        var (fileName, args) = ServerTools.AsUser(ServiceUser, "env", [.. environment, serverScript]);
        return ServerTools.StartLogged(ConsoleLog, root, fileName, args);
    }

    private async Task WaitUntilReadyAsync(Process running)
    {
        var clock = Stopwatch.StartNew();
        while (await AmqpProbe.ProblemAsync("127.0.0.1", Port, TimeSpan.FromSeconds(2)).ConfigureAwait(false) is { } problem)
        {
            if (running.HasExited)
            {
                throw new InvalidOperationException(
                    $"RabbitMQ node {NodeName} exited with code {running.ExitCode} during startup.\n{LogTail()}");
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException(
                    $"RabbitMQ node {NodeName} did not accept AMQP on port {Port} within {StartTimeout.TotalSeconds}s (last: {problem}).\n{LogTail()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        // The listener opens last, so this returns at once; it confirms the node reports itself booted.
        await RunCtlAsync("await_startup", "--timeout", "60").ConfigureAwait(false);
    }

    private async Task RunCtlAsync(params string[] arguments)
    {
        var result = await RunCtlRawAsync(arguments).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"`{result.CommandLine}` exited with code {result.ExitCode}. Output:\n{result.Output}\n{LogTail()}");
        }
    }

    private Task<ProcessResult> RunCtlRawAsync(params string[] arguments)
    {
        // rabbitmqctl authenticates with $HOME/.erlang.cookie; root may read the rabbitmq-owned file.
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = root,
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf"),
        };
        return ServerTools.RunAsync(ctlScript, ["-n", NodeName, .. arguments], CtlTimeout, environment, root);
    }

    /// <summary>A random Erlang cookie: whoever knows it may run any code on the node.</summary>
    public static string NewCookie() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private async Task WriteConfigurationAsync(string cookie)
    {
        // Partitioned sagas route through a consistent-hash exchange (shipped with RabbitMQ, off by default).
        await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[rabbitmq_consistent_hash_exchange].\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(
            Path.Combine(root, "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}\n").ConfigureAwait(false);

        var cookiePath = Path.Combine(root, ".erlang.cookie");
        await File.WriteAllTextAsync(cookiePath, cookie).ConfigureAwait(false);
        // Erlang refuses a cookie file that anyone but its owner can read.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookiePath, UnixFileMode.UserRead);
        }

        await ServerTools.GiveToUserAsync(root, ServiceUser).ConfigureAwait(false);
    }

    private int? NodePid()
    {
        try
        {
            var text = File.Exists(PidFile) ? File.ReadAllText(PidFile).Trim() : null;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string LogTail() =>
        $"Last lines of {ConsoleLog}:\n{ServerTools.TailFile(ConsoleLog, 30)}\nLast lines of {NodeLog}:\n{ServerTools.TailFile(NodeLog)}";
}
