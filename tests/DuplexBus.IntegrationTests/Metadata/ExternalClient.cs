using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Metadata;

/// <summary>Runs a SOAP client nobody here wrote (zeep, node-soap) once: a JSON request on stdin, a JSON result on stdout.</summary>
public static class ExternalClient
{
    /// <summary>Debian's python3, where python3-zeep lives (a pyenv python3 earlier on PATH has no zeep).</summary>
    private const string Python = "/usr/bin/python3";

    public static Task<JsonNode> ZeepAsync(Uri wsdl, string service, Guid id) =>
        RunAsync(Python, Path.Combine(AppContext.BaseDirectory, "Metadata", "zeep_wsdl_client.py"), wsdl, service, id);

    public static Task<JsonNode> NodeSoapAsync(Uri wsdl, string service, Guid id) =>
        RunAsync("node", Path.Combine(SolutionDirectory.Find(), "tests", "node-soap", "client.js"), wsdl, service, id);

    private static async Task<JsonNode> RunAsync(string program, string script, Uri wsdl, string service, Guid id)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        await process.StandardInput.WriteAsync(new JsonObject { ["wsdl"] = wsdl.ToString(), ["service"] = service, ["id"] = id.ToString(), ["cancelId"] = Guid.NewGuid().ToString() }.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} did not finish: {await error}");
        }
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(script)} exited with {process.ExitCode}: {await error}");
        return JsonNode.Parse(await output) ?? throw new InvalidOperationException("no result");
    }

}
