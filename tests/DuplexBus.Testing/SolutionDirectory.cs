namespace DuplexBus.Testing;

/// <summary>The repository checkout the test binaries were built in: the folder above them holding DuplexBus.sln.</summary>
public static class SolutionDirectory
{
    public const string SolutionFile = "DuplexBus.sln";

    /// <summary>The folder, or null when the binaries were copied out of the checkout.</summary>
    public static string? TryFind()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                return directory.FullName;
        }
        return null;
    }

    public static string Find() => TryFind() ?? throw new DirectoryNotFoundException($"No {SolutionFile} above {AppContext.BaseDirectory}.");

    /// <summary>A path inside the checkout, given by its parts from the top.</summary>
    public static string File(params string[] parts) => Path.Combine([Find(), .. parts]);
}
