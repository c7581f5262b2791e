using DuplexBus.Testing;

namespace DuplexBus.Chaos.Faults;

/// <summary>A host child process whose wall clock runs ahead, through Debian's libfaketime (LD_PRELOAD); timers stay real.</summary>
internal static class ClockSkew
{
    private const string Library = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

    public static void Ahead(HostProcessOptions options, TimeSpan offset)
    {
        if (!File.Exists(Library))
            throw new InvalidOperationException($"{Library} is missing: apt-get install libfaketime");
        options.Environment["LD_PRELOAD"] = Library;
        options.Environment["FAKETIME"] = $"+{(int)offset.TotalSeconds}s";
        // The monotonic clock drives timeouts and delays; only the wall clock is skewed, as on a badly synced machine.
        options.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
        options.Environment["FAKETIME_NO_CACHE"] = "1";
    }
}
