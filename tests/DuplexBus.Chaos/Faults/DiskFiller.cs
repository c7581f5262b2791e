using DuplexBus.Testing;

namespace DuplexBus.Chaos.Faults;

/// <summary>Fills a disk with one file (real blocks, not a sparse file) to leave a chosen amount free; removing it gives the space back.</summary>
internal sealed class DiskFiller(TmpfsMount disk)
{
    private string FillerPath => Path.Combine(disk.Path, "filler");

    public async Task FillAsync(long leaveFreeBytes)
    {
        var size = Math.Max(0, disk.Free - leaveFreeBytes);
        var result = await ServerTools.RunAsync("fallocate", ["-l", size.ToString(System.Globalization.CultureInfo.InvariantCulture), FillerPath], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException($"fallocate failed: {result.Output}");
    }

    public void Empty() => File.Delete(FillerPath);
}
