using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>Runs zeep (Debian's python3-zeep) as a second, independent WS-Security client.</summary>
public static class ZeepClient
{
    private const string Python = "/usr/bin/python3";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record ZeepStep(string Operation, Guid Instance, int Index, string User, string Password, bool Digest = false, string? Nonce = null, int AgeSeconds = 0);

    public sealed record ZeepResult(int Status, string Body);

    public static async Task<IReadOnlyList<ZeepResult>> RunAsync(Uri address, string caPem, params ZeepStep[] steps)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Security", "zeep_client.py");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var request = new JsonObject
        {
            ["address"] = address.ToString(),
            ["ca"] = caPem,
            ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
            {
                ["operation"] = s.Operation,
                ["instance"] = s.Instance.ToString(),
                ["index"] = s.Index,
                ["user"] = s.User,
                ["password"] = s.Password,
                ["digest"] = s.Digest,
                ["nonce"] = s.Nonce,
                ["age_seconds"] = s.AgeSeconds,
            })]),
        };
        await process.StandardInput.WriteAsync(request.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"zeep exited with {process.ExitCode}: {await error}");
        return JsonSerializer.Deserialize<ZeepResult[]>(await output, Json)!;
    }
}
