using System.Reflection;

namespace DuplexBus.Demo;

/// <summary>
/// The DuplexBus.Host.dll to start: DUPLEXBUS_HOST_DLL if set, else the path the build baked in (the host project's
/// own output for the same configuration; see AddHostDllMetadata in DuplexBus.Demo.csproj).
/// </summary>
public static class HostDll
{
    public const string OverrideVariable = "DUPLEXBUS_HOST_DLL";
    private const string MetadataKey = "DuplexBus.HostDll";

    public static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return File.Exists(overridden)
                ? Path.GetFullPath(overridden)
                : throw new FileNotFoundException($"{OverrideVariable} points to a missing file: {overridden}", overridden);
        }

        var built = typeof(HostDll).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == MetadataKey)?.Value;
        if (string.IsNullOrEmpty(built))
            throw new InvalidOperationException($"This build does not say where DuplexBus.Host.dll is; set {OverrideVariable}.");
        return File.Exists(built)
            ? built
            : throw new FileNotFoundException(
                $"DuplexBus.Host.dll is not at {built}. Build the demo from the repository (dotnet build src/DuplexBus.Demo), " +
                $"or set {OverrideVariable}.", built);
    }
}
