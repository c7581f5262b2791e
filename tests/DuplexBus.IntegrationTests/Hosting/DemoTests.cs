using System.Diagnostics;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Hosting;

/// <summary>The demo a newcomer runs first: it must really go round the whole durable duplex loop and say so.</summary>
public sealed class DemoTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--reply-to")]
    public async Task The_demo_starts_its_host_and_sees_its_callback_delivered(string mode)
    {
        var demo = HostDllLocator.Locate().Replace("DuplexBus.Host", "DuplexBus.Demo", StringComparison.Ordinal);
        Assert.True(File.Exists(demo), $"the demo is built next to the host: {demo}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { demo, "--items", "3", "--steps", "3", "--timeout", "90", mode }.Where(a => a.Length > 0))
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("← WorkCompleted(", text, StringComparison.Ordinal);
        Assert.Contains("Completed, 3 items, in order, callback delivered", text, StringComparison.Ordinal);
    }
}
