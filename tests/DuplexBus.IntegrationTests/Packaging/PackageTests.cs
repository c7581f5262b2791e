using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Packaging;

/// <summary>
/// `dotnet pack` makes the three packages, each with its README, and their dependencies follow the direction the
/// projects do: the abstractions take nothing, the protocol only the WCF attributes, the runtime the rest.
/// </summary>
public sealed class PackageTests
{
    public static TheoryData<string, string[]> Packages => new()
    {
        { "DuplexBus.Abstractions", [] },
        { "DuplexBus.Protocol", ["System.ServiceModel.Primitives"] },
        { "DuplexBus", ["DuplexBus.Abstractions", "DuplexBus.Protocol", "MassTransit", "MassTransit.RabbitMQ", "Npgsql.EntityFrameworkCore.PostgreSQL"] },
    };

    [Theory, MemberData(nameof(Packages))]
    public async Task Pack_makes_the_package_with_its_README_and_dependencies_in_one_direction(string package, string[] dependencies)
    {
        var output = Directory.CreateTempSubdirectory("duplexbus-pack-");
        try
        {
            var project = Path.Combine(SolutionDirectory.Find(), "src", package, package + ".csproj");
            var (exit, log) = await RunAsync("dotnet", $"pack \"{project}\" -c Release --no-build --nologo -o \"{output.FullName}\"");
            Assert.True(exit == 0, log);

            var file = Assert.Single(output.GetFiles(package + ".*.nupkg"));
            using var zip = ZipFile.OpenRead(file.FullName);
            Assert.NotNull(zip.GetEntry("README.md"));
            await using var nuspecStream = zip.GetEntry(package + ".nuspec")!.Open();
            var nuspec = await XDocument.LoadAsync(nuspecStream, LoadOptions.None, CancellationToken.None);
            var ns = nuspec.Root!.Name.Namespace;
            Assert.Equal("README.md", nuspec.Descendants(ns + "readme").Single().Value);
            var taken = nuspec.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).Distinct().Order().ToArray();
            Assert.Equal(dependencies.Order().ToArray(), taken.Intersect(dependencies).Order().ToArray());
            // The libraries below the runtime take exactly what they name; the runtime may take more.
            if (package != "DuplexBus")
                Assert.Equal(dependencies.Order().ToArray(), taken);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }


    private static async Task<(int Exit, string Log)> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout + await stderr);
    }
}
