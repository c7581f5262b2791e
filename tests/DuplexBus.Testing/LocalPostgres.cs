using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace DuplexBus.Testing;

/// <summary>
/// A private PostgreSQL cluster in a temp folder, on its own loopback port, run by the postgres user
/// (the server refuses root). Trust authentication: nothing but this machine can reach it.
/// </summary>
internal sealed class LocalPostgres : IServerControl
{
    private const string ServiceUser = "postgres";
    private const string SuperUser = "duplexbus";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly string binDirectory;
    private readonly string root;
    private readonly SemaphoreSlim gate = new(1, 1);

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

    private string DataDirectory => Path.Combine(root, "data");

    private string LogFile => Path.Combine(root, "postgres.log");

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    /// <summary>initdb + start in a fresh temp folder; throws with the server log tail when that fails.</summary>
    public static async Task<LocalPostgres> StartNewAsync()
    {
        var bin = ServerBinaries.PostgresBinDirectory()
            ?? throw new InvalidOperationException(
                "No PostgreSQL server found under /usr/lib/postgresql/*/bin. Install Debian's postgresql package " +
                "(test.sh does), run a Docker engine, or set DUPLEXBUS_TEST_POSTGRES.");
        var root = Directory.CreateTempSubdirectory("duplexbus-pg-").FullName;
        var server = new LocalPostgres(bin, root, FreePort.Next());
        try
        {
            await ServerTools.GiveToUserAsync(root, ServiceUser).ConfigureAwait(false);
            await server.RunToolAsync(
                "initdb",
                ["-D", server.DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]).ConfigureAwait(false);
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
            if (PostmasterPid() is { } previous)
            {
                if (ServerTools.IsProcessAlive(previous))
                {
                    return;
                }

                // After a SIGKILL the postmaster is orphaned, and an init that reaps slowly (as on these
                // machines) leaves it a zombie. PostgreSQL probes the lock file's pid with kill(pid, 0), which
                // succeeds for a zombie, and would refuse to start; the process is dead, so the lock is stale.
                File.Delete(PidFile);
            }

            // Unix socket only in our own folder, so the system's /var/run/postgresql is never touched.
            var options = string.Join(
                ' ',
                $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
                $"-k {root}",
                "-c listen_addresses=127.0.0.1",
                "-c max_connections=200");
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start", "-o", options])
                .ConfigureAwait(false);
            await WaitUntilAnswersAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task StopAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync("fast").ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task KillAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (PostmasterPid() is not { } pid || !ServerTools.IsProcessAlive(pid))
            {
                return;
            }

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
            gate.Release();
            ServerTools.DeleteDirectory(root);
        }
    }

    private async Task StopCoreAsync(string mode)
    {
        if (PostmasterPid() is not { } pid || !ServerTools.IsProcessAlive(pid))
        {
            return;
        }

        var result = await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop"], check: false)
            .ConfigureAwait(false);
        if (!await ServerTools.WaitForProcessExitAsync(pid, ExitTimeout).ConfigureAwait(false))
        {
            await ServerTools.SendSignalAsync(pid, "KILL").ConfigureAwait(false);
            await ServerTools.WaitForProcessExitAsync(pid, ExitTimeout).ConfigureAwait(false);
        }

        if (!result.Succeeded && ServerTools.IsProcessAlive(pid))
        {
            throw new InvalidOperationException($"PostgreSQL did not stop: {result.Output}\n{LogTail()}");
        }
    }

    private async Task WaitUntilAnswersAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!await PostgresProbe.AnswersAsync(AdminConnectionString).ConfigureAwait(false))
        {
            if (clock.Elapsed > ToolTimeout)
            {
                throw new TimeoutException($"PostgreSQL on port {Port} started but does not answer.\n{LogTail()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
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
