using System.Diagnostics;
using DuplexBus.Edge.Security;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>The host's <c>hash-secret</c> command makes the hashes <c>DuplexBus:Security:Users</c> holds.</summary>
public sealed partial class SecureEdgeTests
{
    [Fact]
    public async Task Hash_secret_command_prints_a_hash_of_the_secret_on_standard_input()
    {
        var info = new ProcessStartInfo(Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostDllLocator.Locate());
        info.ArgumentList.Add("hash-secret");
        info.ArgumentList.Add("--iterations");
        info.ArgumentList.Add("20000");
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync("s3cret with spaces");
        process.StandardInput.Close();
        var output = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("PBKDF2-SHA256$20000$", output, StringComparison.Ordinal);
        Assert.True(SecretHash.Verify("s3cret with spaces", output));
        Assert.False(SecretHash.Verify("s3cret", output));
    }
}
