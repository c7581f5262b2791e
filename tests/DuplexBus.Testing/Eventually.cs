using System.Diagnostics;

namespace DuplexBus.Testing;

/// <summary>Polls a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs <paramref name="probe"/> until <paramref name="done"/> accepts its value, backing off from
    /// 50 ms to 250 ms between tries. On timeout throws <see cref="TimeoutException"/> naming
    /// <paramref name="because"/> and the last value (or exception) seen.
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);

        var clock = Stopwatch.StartNew();
        var delay = FirstDelay;
        var attempts = 0;
        var hasValue = false;
        T last = default!;
        Exception? lastError = null;
        while (true)
        {
            attempts++;
            try
            {
                last = await probe().ConfigureAwait(false);
                hasValue = true;
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A probe that throws (e.g. connection refused) is just "not yet"; keep it for the report.
                lastError = ex;
            }

            if (clock.Elapsed >= timeout)
            {
                var observed = lastError is not null
                    ? $"last attempt threw {lastError.GetType().Name}: {lastError.Message}"
                    : hasValue ? $"last value: {Describe(last)}" : "no value observed";
                throw new TimeoutException(
                    $"Timed out after {clock.Elapsed.TotalSeconds:0.0}s ({attempts} attempts) waiting until {because}; {observed}",
                    lastError);
            }

            var remaining = timeout - clock.Elapsed;
            await Task.Delay(delay < remaining ? delay : remaining).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
