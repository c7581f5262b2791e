using DuplexBus.Testing;

namespace DuplexBus.Chaos.Faults;

/// <summary>A small tmpfs mounted on a fresh folder (we run as root), unmounted on dispose: a disk that can be filled.</summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount> MountAsync(string name, int megabytes)
    {
        if (!ServerTools.IsRoot)
            throw new InvalidOperationException("mounting a tmpfs needs root");
        var path = Directory.CreateTempSubdirectory($"duplexbus-chaos-{name}-").FullName;
        // The postgres user must reach folders inside it.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        await ServerTools.RunCheckedAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", path], TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        return new TmpfsMount(path);
    }

    /// <summary>Bytes still free on the mount.</summary>
    public long Free => new DriveInfo(Path).AvailableFreeSpace;

    public async ValueTask DisposeAsync()
    {
        var result = await ServerTools.RunAsync("umount", [Path], TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        if (!result.Succeeded)
            result = await ServerTools.RunAsync("umount", ["-l", Path], TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException($"could not unmount {Path}: {result.Output}");
        Directory.Delete(Path, recursive: true);
    }
}
