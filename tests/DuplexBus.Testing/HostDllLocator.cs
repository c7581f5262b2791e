namespace DuplexBus.Testing;

/// <summary>Finds the built DuplexBus.Host.dll that belongs to the running test assembly.</summary>
public static class HostDllLocator
{
    public const string OverrideVariable = "DUPLEXBUS_HOST_DLL";
    private const string HostProject = "DuplexBus.Host";
    private const string TargetFramework = "net10.0";

    /// <summary>
    /// DUPLEXBUS_HOST_DLL if set; otherwise src/DuplexBus.Host/bin/&lt;configuration&gt;/net10.0 of the
    /// solution above the test binaries, preferring the configuration the tests were built with
    /// (bin/&lt;configuration&gt;/&lt;tfm&gt;/ of the test assembly) and else the newest build.
    /// </summary>
    public static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return File.Exists(overridden)
                ? Path.GetFullPath(overridden)
                : throw new FileNotFoundException($"{OverrideVariable} points to a missing file.", overridden);
        }

        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var solution = SolutionDirectory.TryFind()
            ?? throw new DirectoryNotFoundException(
                $"No {SolutionDirectory.SolutionFile} above {baseDirectory.FullName}; set {OverrideVariable} to the host dll.");
        var binDirectory = Path.Combine(solution, "src", HostProject, "bin");
        var fileName = $"{HostProject}.dll";

        var configuration = baseDirectory.Parent?.Name;
        if (configuration is not null)
        {
            var preferred = Path.Combine(binDirectory, configuration, TargetFramework, fileName);
            if (File.Exists(preferred))
            {
                return preferred;
            }
        }

        var newest = Directory.Exists(binDirectory)
            ? Directory.EnumerateDirectories(binDirectory)
                .Select(dir => new FileInfo(Path.Combine(dir, TargetFramework, fileName)))
                .Where(file => file.Exists)
                .OrderByDescending(file => file.LastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return newest?.FullName
            ?? throw new FileNotFoundException(
                $"{fileName} is not built under {binDirectory} (looked for configuration '{configuration}' first); " +
                $"build the solution or set {OverrideVariable}.");
    }
}
