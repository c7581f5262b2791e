using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace DuplexBus.Testing;

/// <summary>
/// The DuplexBus host as a real child process (<c>dotnet DuplexBus.Host.dll</c>) on a loopback port,
/// so tests can kill it mid-flight, restart it, and talk to it over real HTTP.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int FailureTailLines = 80;
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // Inherited settings that would silently change how the host binds or which appsettings it loads.
    private static readonly string[] ScrubbedVariables =
    [
        "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS",
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS",
    ];

    private readonly string hostDll;
    private readonly Dictionary<string, string> environment;
    private readonly List<string> arguments;
    private readonly TimeSpan startTimeout;
    private readonly string readyPath;
    private readonly OutputBuffer output = new();
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    private readonly SemaphoreSlim gate = new(1, 1);
    private Process? process;

    private HostProcess(string hostDll, HostProcessOptions options)
    {
        this.hostDll = hostDll;
        environment = new Dictionary<string, string>(options.Environment, StringComparer.Ordinal);
        arguments = [.. options.Arguments];
        startTimeout = options.StartTimeout;
        readyPath = options.ReadyPath;
        Port = options.Port ?? FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        WorkingDirectory = Directory.CreateTempSubdirectory("duplexbus-host-").FullName;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri BaseAddress { get; }

    public int Port { get; }

    /// <summary>Temp folder the host runs in (kept across restarts, deleted on dispose), so relative paths stay out of the repo.</summary>
    public string WorkingDirectory { get; }

    public int ProcessId => Current.Id;

    public bool HasExited => process is null || process.HasExited;

    /// <summary>Everything the host wrote to stdout and stderr so far, one line per entry.</summary>
    public IReadOnlyList<string> OutputLines => output.Snapshot();

    public string Output => string.Join('\n', output.Snapshot());

    private Process Current => process ?? throw new InvalidOperationException("The host process has not been started.");

    /// <summary>Launches the host and returns once GET /health/ready answers 200.</summary>
    public static async Task<HostProcess> StartAsync(HostProcessOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = new HostProcess(HostDllLocator.Locate(), options);
        try
        {
            await host.LaunchAndWaitAsync(ct).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks run, in-flight work is lost as in a crash.</summary>
    public Task KillAsync() => gate.RunAsync(() => KillCoreAsync());

    /// <summary>SIGTERM and up to 15 s for a graceful shutdown, then SIGKILL.</summary>
    public Task StopAsync() => gate.RunAsync(() => StopCoreAsync());

    /// <summary>Stops the host if it still runs, then starts it again with the same port, environment and arguments.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
            output.Add("[HostProcess] restarting");
            await LaunchAndWaitCoreAsync(ct).ConfigureAwait(false);
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
            await KillCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            process?.Dispose();
            http.Dispose();
            gate.Release();
            ServerTools.DeleteDirectory(WorkingDirectory);
        }
    }

    public override string ToString() => $"DuplexBus host pid {process?.Id.ToString(CultureInfo.InvariantCulture) ?? "-"} at {BaseAddress}";

    private Task LaunchAndWaitAsync(CancellationToken ct) => gate.RunAsync(() => LaunchAndWaitCoreAsync(ct), ct);

    private async Task LaunchAndWaitCoreAsync(CancellationToken ct)
    {
        process?.Dispose();
        process = Launch();
        var running = process;
        var ready = new Uri(BaseAddress, readyPath);
        var clock = Stopwatch.StartNew();
        var lastObservation = "no answer yet";
        while (true)
        {
            if (running.HasExited)
            {
                await DrainAsync(running).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"The DuplexBus host exited with code {running.ExitCode} before {ready} answered 200.\n{Tail()}");
            }

            lastObservation = await ProbeAsync(ready, ct).ConfigureAwait(false);
            if (lastObservation == "200")
            {
                return;
            }

            if (clock.Elapsed > startTimeout)
            {
                await KillCoreAsync().ConfigureAwait(false);
                throw new TimeoutException(
                    $"The DuplexBus host did not answer 200 on {ready} within {startTimeout.TotalSeconds:0.#}s " +
                    $"(last: {lastObservation}).\n{Tail()}");
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> ProbeAsync(Uri ready, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ready);
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK
                ? "200"
                : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "request timed out";
        }
    }

    private Process Launch()
    {
        var info = new ProcessStartInfo(DotnetExecutable())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory,
        };
        info.ArgumentList.Add(hostDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.GetLeftPart(UriPartial.Authority));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in ScrubbedVariables)
        {
            info.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var child = new Process { StartInfo = info };
        child.OutputDataReceived += (_, e) => Capture(e.Data);
        child.ErrorDataReceived += (_, e) => Capture(e.Data);
        try
        {
            child.Start();
        }
        catch (Win32Exception ex)
        {
            child.Dispose();
            throw new InvalidOperationException($"Cannot start `{info.FileName} {hostDll}`: {ex.Message}", ex);
        }

        child.StandardInput.Close();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            output.Add(line);
        }
    }

    private async Task StopCoreAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        await ServerTools.SendSignalAsync(running.Id, "TERM").ConfigureAwait(false);
        using var cts = new CancellationTokenSource(GracefulStopTimeout);
        try
        {
            await running.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            output.Add($"[HostProcess] no exit {GracefulStopTimeout.TotalSeconds:0}s after SIGTERM; killing");
            await KillCoreAsync().ConfigureAwait(false);
        }
    }

    private async Task KillCoreAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        try
        {
            // On Linux this is SIGKILL to the host itself: the crash the fault tests want.
            running.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        await DrainAsync(running).ConfigureAwait(false);
    }

    private static async Task DrainAsync(Process exited)
    {
        // WaitForExitAsync also waits for the output pipes to close, so the last lines are captured.
        using var cts = new CancellationTokenSource(ExitTimeout);
        try
        {
            await exited.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string Tail() => $"Last lines of host output:\n{output.Tail(FailureTailLines)}";

    private static string DotnetExecutable()
    {
        // The test host itself runs under the dotnet muxer; using the same one keeps SDK and runtime in step.
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk) ? fromSdk : "dotnet";
    }
}
