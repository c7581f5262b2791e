using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.Chaos.Faults;

/// <summary>Fills a disk with files (real blocks, not sparse files) to leave a chosen amount free; removing them gives the space back.</summary>
internal sealed class DiskFiller(TmpfsMount disk)
{
    private const int MaxAttempts = 20;
    private int files;

    /// <remarks>
    /// fallocate is all or nothing, and the server on the disk keeps writing between reading the free space and
    /// allocating it: an allocation of everything that was free can then fail with ENOSPC. Each attempt takes what is
    /// free now in a file of its own, so a lost race leaves the earlier files in place and the next attempt takes the rest.
    /// </remarks>
    public async Task FillAsync(long leaveFreeBytes)
    {
        var lastOutput = "";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var size = disk.Free - leaveFreeBytes;
            if (size <= 0)
                return;
            var path = Path.Combine(disk.Path, $"filler-{files}");
            var result = await ServerTools.RunAsync("fallocate", ["-l", size.ToString(CultureInfo.InvariantCulture), path], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            files++;
            if (result.Succeeded)
                continue;
            lastOutput = result.Output;
            if (!lastOutput.Contains("No space left", StringComparison.Ordinal))
                throw new InvalidOperationException($"fallocate failed: {lastOutput}");
        }

        if (disk.Free > leaveFreeBytes)
            throw new InvalidOperationException($"could not fill {disk.Path} in {MaxAttempts} attempts ({disk.Free} bytes still free): {lastOutput}");
    }

    public void Empty()
    {
        for (var i = 0; i < files; i++)
            File.Delete(Path.Combine(disk.Path, $"filler-{i}"));
        files = 0;
    }
}
