using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace DuplexBus.Testing;

/// <summary>
/// A private PostgreSQL cluster in a temp folder, on its own loopback port, run by the postgres user
/// (the server refuses root). Trust authentication: nothing but this machine can reach it.
/// </summary>
/// <remarks>
/// The postmaster runs as a child of runuser, which is our child, instead of being daemonized by
/// <c>pg_ctl start</c>. A daemonized postmaster killed with SIGKILL is orphaned, and this machine's init
/// reaps orphans late: the zombie keeps answering kill(pid, 0), so PostgreSQL takes its lock files for a
/// live server and refuses to start again. runuser reaps it at once. pg_ctl still does initdb and stop.
/// </remarks>
internal sealed class LocalPostgres : IServerControl
{
    private const string ServiceUser = "postgres";
    private const string SuperUser = "duplexbus";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly string binDirectory;
    private readonly string root;
    private readonly SemaphoreSlim gate = new(1, 1);
    private Process? supervisor;

    private LocalPostgres(string binDirectory, string root, int port)
    {
        this.binDirectory = binDirectory;
        this.root = root;
        Port = port;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    public int Port { get; }

    public string AdminConnectionString { get; }

    public string Version => Path.GetFileName(Path.GetDirectoryName(binDirectory)) ?? "?";

    /// <summary>The cluster's data directory (PGDATA).</summary>
    public string DataDirectory => Path.Combine(root, "data");

    private string LogFile => Path.Combine(root, "postgres.log");

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    /// <summary>initdb + start in a fresh temp folder; throws with the server log tail when that fails.</summary>
    public static Task<LocalPostgres> StartNewAsync() => StartNewAsync(null, []);

    /// <summary>
    /// initdb + start in <paramref name="rootDirectory"/> (a fresh temp folder when null), with extra initdb
    /// arguments (e.g. <c>--wal-segsize=1</c> for a cluster on a small disk).
    /// </summary>
    public static async Task<LocalPostgres> StartNewAsync(string? rootDirectory, IReadOnlyList<string> initdbArguments)
    {
        var bin = ServerBinaries.PostgresBinDirectory()
            ?? throw new InvalidOperationException(
                "No PostgreSQL server found under /usr/lib/postgresql/*/bin. Install Debian's postgresql package " +
                "(test.sh does), run a Docker engine, or set DUPLEXBUS_TEST_POSTGRES.");
        var root = rootDirectory ?? Directory.CreateTempSubdirectory("duplexbus-pg-").FullName;
        Directory.CreateDirectory(root);
        var server = new LocalPostgres(bin, root, FreePort.Next());
        try
        {
            await ServerTools.GiveToUserAsync(root, ServiceUser).ConfigureAwait(false);
            await server.RunToolAsync(
                "initdb",
                ["-D", server.DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync", .. initdbArguments]).ConfigureAwait(false);
            await server.StartAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StartAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (supervisor is { HasExited: false })
            {
                return;
            }

            supervisor?.Dispose();
            // Unix socket only in our own folder, so the system's /var/run/postgresql is never touched.
            var (fileName, args) = ServerTools.AsUser(
                ServiceUser,
                Path.Combine(binDirectory, "postgres"),
                ["-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", root,
                 "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"]);
            supervisor = ServerTools.StartLogged(LogFile, root, fileName, args);
            try
            {
                await WaitUntilAnswersAsync(supervisor).ConfigureAwait(false);
            }
            catch
            {
                // A server that never answered must not pass for a running one at the next StartAsync.
                supervisor.Kill(entireProcessTree: true);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public Task StopAsync() => gate.RunAsync(() => StopCoreAsync("fast"));

    public async Task KillAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (supervisor is not { HasExited: false } running)
            {
                return;
            }

            if (PostmasterPid() is { } pid && ServerTools.IsProcessAlive(pid))
            {
                // Backends notice the postmaster's death and exit on their own; a restart must wait for that,
                // or it finds their shared memory still attached and refuses to run.
                var children = ServerTools.ChildProcessIds(pid);
                await ServerTools.SendSignalAsync(pid, "KILL").ConfigureAwait(false);
                foreach (var process in children.Prepend(pid))
                {
                    if (!await ServerTools.WaitForProcessExitAsync(process, ExitTimeout).ConfigureAwait(false))
                    {
                        await ServerTools.SendSignalAsync(process, "KILL").ConfigureAwait(false);
                    }
                }
            }

            await WaitForSupervisorExitAsync(running).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync("immediate").ConfigureAwait(false);
        }
        finally
        {
            if (supervisor is { HasExited: false })
            {
                supervisor.Kill(entireProcessTree: true);
            }

            supervisor?.Dispose();
            gate.Release();
            ServerTools.DeleteDirectory(root);
        }
    }

    private async Task StopCoreAsync(string mode)
    {
        if (supervisor is not { HasExited: false } running)
        {
            return;
        }

        var result = await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop"], check: false)
            .ConfigureAwait(false);
        await WaitForSupervisorExitAsync(running).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"`{result.CommandLine}` exited with code {result.ExitCode} (the server was killed instead). " +
                $"Output:\n{result.Output}\n{LogTail()}");
        }
    }

    private static async Task WaitForSupervisorExitAsync(Process running)
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

    private async Task WaitUntilAnswersAsync(Process running)
    {
        var clock = Stopwatch.StartNew();
        while (await PostgresProbe.ProblemAsync(AdminConnectionString).ConfigureAwait(false) is { } problem)
        {
            if (running.HasExited)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL on port {Port} exited with code {running.ExitCode} during startup.\n{LogTail()}");
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException(
                    $"PostgreSQL on port {Port} did not accept connections within {StartTimeout.TotalSeconds}s (last: {problem}).\n{LogTail()}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private async Task<ProcessResult> RunToolAsync(string tool, IEnumerable<string> arguments, bool check = true)
    {
        var (fileName, args) = ServerTools.AsUser(ServiceUser, Path.Combine(binDirectory, tool), arguments);
        ProcessResult result;
        try
        {
            // The postgres user may not enter the caller's working directory (often /root).
            result = await ServerTools.RunAsync(fileName, args, ToolTimeout, workingDirectory: root).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{LogTail()}", ex);
        }

        if (check && !result.Succeeded)
        {
            throw new InvalidOperationException(
                $"`{result.CommandLine}` exited with code {result.ExitCode}. Output:\n{result.Output}\n{LogTail()}");
        }

        return result;
    }

    private int? PostmasterPid()
    {
        try
        {
            var first = File.Exists(PidFile) ? File.ReadLines(PidFile).FirstOrDefault() : null;
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string LogTail() => $"Last lines of {LogFile}:\n{ServerTools.TailFile(LogFile)}";
}
