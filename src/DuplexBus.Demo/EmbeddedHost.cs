using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace DuplexBus.Demo;

/// <summary>
/// The DuplexBus host as a child process in its embedded mode (SQLite in a temp folder, in-memory bus), on a free
/// loopback port, ready once <c>GET /health/ready</c> answers 200. Disposing kills it and removes its data.
/// </summary>
public sealed class EmbeddedHost : IAsyncDisposable
{
    private const int TailLines = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // Inherited settings that would change where the host binds or which settings it loads.
    private static readonly string[] ScrubbedVariables =
    [
        "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS",
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ConnectionStrings__DuplexBus", "ConnectionStrings__RabbitMq",
    ];

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly Queue<string> _output = new();

    private EmbeddedHost(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri BaseAddress { get; }

    public Uri Service => new(BaseAddress, "services/work");

    /// <summary>Starts the host and returns once it is ready; throws with the end of its output if it is not.</summary>
    public static async Task<EmbeddedHost> StartAsync(CancellationToken cancellationToken)
    {
        var hostDll = HostDll.Locate();
        var dataDirectory = Directory.CreateTempSubdirectory("duplexbus-demo-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        var info = new ProcessStartInfo(DotnetExecutable())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        info.ArgumentList.Add(hostDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        foreach (var name in ScrubbedVariables)
            info.Environment.Remove(name);
        info.Environment["DuplexBus__Embedded__DataDirectory"] = dataDirectory;
        info.Environment["Samples__Work__UnitLength"] = "00:00:00.200";

        var process = new Process { StartInfo = info };
        var host = new EmbeddedHost(process, dataDirectory, baseAddress);
        process.OutputDataReceived += (_, e) => host.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => host.Capture(e.Data);
        try
        {
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException($"Cannot start `{info.FileName} {hostDll}`: {e.Message}", e);
            }

            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await host.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The last lines the host wrote, for a failure message.</summary>
    public string Tail()
    {
        lock (_output)
            return string.Join(Environment.NewLine, _output);
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                // Never started, or its output pipes stayed open: nothing more to wait for.
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = new Uri(BaseAddress, "health/ready");
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before {ready} answered 200. Its last lines:{Environment.NewLine}{Tail()}");
            try
            {
                using var response = await http.GetAsync(ready, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer within 2 s";
            }

            if (clock.Elapsed > StartTimeout)
                throw new TimeoutException($"The host did not answer 200 on {ready} within {StartTimeout.TotalSeconds:0} s (last: {last}). Its last lines:{Environment.NewLine}{Tail()}");
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > TailLines)
                _output.Dequeue();
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Not started, or already gone.
        }
    }

    /// <summary>The dotnet muxer of the runtime this demo runs on, so the host runs on the same installation.</summary>
    private static string DotnetExecutable()
    {
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } current && Path.GetFileName(current) == name)
            return current;

        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ → .../dotnet/dotnet
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        var muxer = root is null ? null : Path.Combine(root.FullName, name);
        return muxer is not null && File.Exists(muxer) ? muxer : name;
    }
}
