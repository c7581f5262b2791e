using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DuplexBus.Testing;

/// <summary>Process plumbing shared by the server fixtures and <see cref="HostProcess"/>.</summary>
public static class ServerTools
{
    private static readonly TimeSpan PipeDrainGrace = TimeSpan.FromSeconds(2);
    private static readonly Lazy<bool> Root = new(ReadIsRoot);

    /// <summary>True when the effective user is root (server tools must then drop to their own users).</summary>
    public static bool IsRoot => Root.Value;

    /// <summary>
    /// Runs a program to completion, capturing stdout and stderr together. Kills its process tree and
    /// throws <see cref="TimeoutException"/> (with the output so far) when it outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var args = arguments.ToList();
        var commandLine = FormatCommandLine(fileName, args);
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var output = new StringBuilder();
        var gate = new Lock();
        var stdoutClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(e.Data, stderrClosed);
        process.Exited += (_, _) => exited.TrySetResult();

        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start `{commandLine}`: {ex.Message}", ex);
        }

        // Tools that prompt must see end-of-input rather than hang on the test runner's stdin.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await exited.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKillTree(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {timeout.TotalSeconds:0.#}s. Output so far:\n{Snapshot()}");
        }

        // A daemon started by the tool (epmd, a postmaster) may inherit the pipes; do not wait for it.
        try
        {
            await Task.WhenAll(stdoutClosed.Task, stderrClosed.Task).WaitAsync(PipeDrainGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        return new ProcessResult(commandLine, process.ExitCode, Snapshot(), clock.Elapsed);

        void Append(string? line, TaskCompletionSource closed)
        {
            if (line is null)
            {
                closed.TrySetResult();
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }
        }

        string Snapshot()
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, but a non-zero exit code throws with the captured output.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(fileName, arguments, timeout, environment, workingDirectory, cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"`{result.CommandLine}` exited with code {result.ExitCode}. Output:\n{result.Output}");
        }

        return result;
    }

    /// <summary>The last <paramref name="lines"/> lines of a (possibly still growing) log file, or a note if absent.</summary>
    public static string TailFile(string path, int lines = 60)
    {
        if (!File.Exists(path))
        {
            return $"({path} does not exist)";
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var tail = new Queue<string>(lines);
            while (reader.ReadLine() is { } line)
            {
                if (tail.Count == lines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line);
            }

            return string.Join('\n', tail);
        }
        catch (IOException ex)
        {
            return $"({path} could not be read: {ex.Message})";
        }
    }

    /// <summary>
    /// True while the process exists and is not a zombie: a killed server whose parent has not reaped it
    /// yet holds no sockets or locks any more, so for the tests it is gone.
    /// </summary>
    public static bool IsProcessAlive(int pid)
    {
        var state = ReadProcState(pid);
        return state is not null && state != 'Z' && state != 'X';
    }

    /// <summary>Sends a signal (e.g. "KILL", "TERM") with kill(1), which works across users when root.</summary>
    public static async Task SendSignalAsync(int pid, string signal)
    {
        if (!IsProcessAlive(pid))
        {
            return;
        }

        var result = await RunAsync("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10))
            .ConfigureAwait(false);
        if (!result.Succeeded && IsProcessAlive(pid))
        {
            throw new InvalidOperationException($"kill -s {signal} {pid} failed: {result.Output}");
        }
    }

    /// <summary>Polls until the process is gone; false if it still runs at the deadline.</summary>
    public static async Task<bool> WaitForProcessExitAsync(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (IsProcessAlive(pid))
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(25).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Pids whose parent is <paramref name="pid"/>, read from /proc.</summary>
    public static IReadOnlyList<int> ChildProcessIds(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && ReadParentPid(candidate) == pid)
            {
                children.Add(candidate);
            }
        }

        return children;
    }

    /// <summary>Quotes a command line for messages; not meant to be fed to a shell.</summary>
    public static string FormatCommandLine(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => a.Length > 0 && !a.Any(char.IsWhiteSpace) ? a : $"\"{a}\""));

    /// <summary>
    /// Wraps a command so it runs as <paramref name="user"/> when we are root (PostgreSQL refuses root;
    /// RabbitMQ's data must belong to its own user), and unchanged otherwise.
    /// </summary>
    internal static (string FileName, List<string> Arguments) AsUser(string user, string fileName, IEnumerable<string> arguments)
    {
        if (!IsRoot)
        {
            return (fileName, arguments.ToList());
        }

        return ("runuser", ["-u", user, "--", fileName, .. arguments]);
    }

    /// <summary>
    /// Starts a long-running server whose stdout and stderr go to <paramref name="logFile"/>. A shell only
    /// sets up the redirection and then is replaced by the command, so the returned process is the command
    /// itself (or runuser, which stays as its parent and reaps it the moment it dies). The test runner's own
    /// output never carries server output and holds no pipe a server could keep open.
    /// </summary>
    internal static Process StartLogged(string logFile, string workingDirectory, string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in (string[])["-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null", "sh", logFile, fileName, .. arguments])
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }

    /// <summary>Gives a folder tree to a service user when root; a no-op otherwise.</summary>
    internal static async Task GiveToUserAsync(string path, string user)
    {
        if (IsRoot)
        {
            await RunCheckedAsync("chown", ["-R", $"{user}:", path], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a folder tree, tolerating it being gone already.</summary>
    internal static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryKillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (Win32Exception)
        {
        }
    }

    private static char? ReadProcState(int pid)
    {
        var stat = ReadStat(pid);
        var afterName = stat?.LastIndexOf(')') ?? -1;
        return afterName > 0 && afterName + 2 < stat!.Length ? stat[afterName + 2] : null;
    }

    private static int? ReadParentPid(int pid)
    {
        // /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
        var stat = ReadStat(pid);
        var afterName = stat?.LastIndexOf(')') ?? -1;
        if (afterName < 0)
        {
            return null;
        }

        var fields = stat![(afterName + 2)..].Split(' ', 3);
        return fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            ? ppid
            : null;
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool ReadIsRoot()
    {
        try
        {
            // "Uid:\treal\teffective\tsaved\tfs": the effective uid decides what we may do.
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: >= 3 } && fields[2] == "0";
        }
        catch (IOException)
        {
            return string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        }
    }
}
