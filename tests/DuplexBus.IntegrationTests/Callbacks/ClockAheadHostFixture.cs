using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A callback host with long attempts (20 s timeout, 25 s lease) that never pauses a destination, and the settings
/// for a second host on the same database whose clock runs three minutes ahead (Debian's libfaketime on the child
/// process; installed by test.sh).
/// </summary>
public sealed class ClockAheadHostFixture(ServersFixture servers) : CallbackHostFixture(servers)
{
    public const string LibFakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The settings of this fixture's host, in a process whose wall clock is three minutes ahead.</summary>
    public HostProcessOptions AheadOptions()
    {
        if (!File.Exists(LibFakeTime))
            throw new InvalidOperationException($"{LibFakeTime} is missing: apt-get install libfaketime (test.sh installs it).");
        var options = Options();
        options.Environment["LD_PRELOAD"] = LibFakeTime;
        options.Environment["FAKETIME"] = "+3m";
        // Only the wall clock is skewed, as on a real host: timers and stopwatches run on the monotonic clock.
        options.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
        options.Environment["FAKETIME_NO_CACHE"] = "1";
        return options;
    }

    protected override void Configure(IDictionary<string, string> environment)
    {
        environment["DuplexBus__Callbacks__PauseAfterFailures"] = "1000";
        environment["DuplexBus__Callbacks__Timeout"] = "00:00:20";
        environment["DuplexBus__Callbacks__Lease"] = "00:00:25";
    }
}
