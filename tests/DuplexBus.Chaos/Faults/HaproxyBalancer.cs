using System.Diagnostics;
using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.Chaos.Faults;

/// <summary>
/// Debian's haproxy as a round-robin load balancer in front of hosts: every request goes to the next live host (health
/// checked every half second), so one session's messages alternate between hosts. A child process, killed on dispose.
/// </summary>
internal sealed class HaproxyBalancer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private HaproxyBalancer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    public static async Task<HaproxyBalancer> StartAsync(IReadOnlyList<int> hostPorts)
    {
        var folder = Directory.CreateTempSubdirectory("duplexbus-haproxy-").FullName;
        var port = FreePort.Next();
        var servers = string.Join('\n', hostPorts.Select((p, i) => $"  server h{i} 127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)} check inter 500ms fall 2 rise 1"));
        var config = $"""
            global
              maxconn 512
            defaults
              mode http
              timeout connect 2s
              timeout client 130s
              timeout server 130s
              retries 2
              option redispatch
              option http-server-close
            frontend chaos
              bind 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
              default_backend hosts
            backend hosts
              balance roundrobin
              option httpchk GET /health/live
            {servers}
            """;
        var file = Path.Combine(folder, "haproxy.cfg");
        // haproxy refuses a configuration whose last line has no line feed.
        await File.WriteAllTextAsync(file, config + "\n").ConfigureAwait(false);
        var info = new ProcessStartInfo("haproxy") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-f", file, "-db" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("haproxy did not start");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new HaproxyBalancer(process, folder, port);
        try
        {
            await Eventually.Until(
            async () =>
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port).ConfigureAwait(false);
                return true;
            },
            ok => ok,
            TimeSpan.FromSeconds(10),
            $"haproxy listens on {port}").ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            var said = string.Join(" | ", output);
            await balancer.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"{e.Message}; haproxy said: {said}; config:\n{config}", e);
        }

        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
