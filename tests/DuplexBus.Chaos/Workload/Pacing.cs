using System.Diagnostics;

namespace DuplexBus.Chaos.Workload;

/// <summary>Sends on a schedule: the k-th item is due at start + k × pace, so a client held up by a fault catches up at once.</summary>
internal static class Pacing
{
    public static async Task UntilDueAsync(Stopwatch started, TimeSpan due, CancellationToken ct)
    {
        var wait = due - started.Elapsed;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, ct).ConfigureAwait(false);
    }
}
