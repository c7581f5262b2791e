using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// A real Prometheus (Debian's package) on a free loopback port, run with the checked-in configuration and alert rules,
/// scraping one host every second; its HTTP API for the assertions.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    public const string Tool = "/usr/bin/promtool";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo folder, Uri address)
    {
        (_process, _folder) = (process, folder);
        _http = new HttpClient { BaseAddress = address };
    }

    /// <summary>
    /// deploy/prometheus/prometheus.yml with its intervals at one second, its target the given host and its rule file
    /// the checked-in one, written beside the server's data. Throws when the file no longer has the shape this expects.
    /// </summary>
    public static string ConfigurationFor(Uri host, string folder)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = File.ReadAllText(DeployedMonitoring.PrometheusConfig);
        text = Replace(text, "scrape_interval: 15s", "scrape_interval: 1s");
        text = Replace(text, "evaluation_interval: 15s", "evaluation_interval: 1s");
        text = Replace(text, "\"host:8080\"", $"\"{host.Authority}\"");
        text = Replace(text, "/etc/prometheus/duplexbus-alerts.yml", DeployedMonitoring.AlertRules);
        var path = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(path, text);
        return path;
    }

    public static async Task<PrometheusServer> StartAsync(Uri host)
    {
        var folder = Directory.CreateTempSubdirectory("duplexbus-prometheus-");
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                "--config.file=" + ConfigurationFor(host, folder.FullName),
                "--storage.tsdb.path=" + Path.Combine(folder.FullName, "data"),
                "--web.listen-address=127.0.0.1:" + port,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        await Eventually.Until(server.ReadyAsync, ready => ready, TimeSpan.FromSeconds(30), "Prometheus ready");
        return server;
    }

    /// <summary>The <c>data</c> of an API answer whose status is success; throws with Prometheus's error otherwise.</summary>
    public async Task<JsonElement> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("status").GetString() == "success"
            ? body.GetProperty("data")
            : throw new InvalidOperationException($"{pathAndQuery}: {body}");
    }

    public Task<JsonElement> QueryAsync(string promql) => GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));

    private async Task<bool> ReadyAsync()
    {
        using var response = await _http.GetAsync("-/ready");
        return response.IsSuccessStatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
        _folder.Delete(recursive: true);
    }

    private static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal)
            ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidDataException($"{DeployedMonitoring.PrometheusConfig} no longer contains {from}");
}
