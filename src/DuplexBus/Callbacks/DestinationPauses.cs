namespace DuplexBus.Callbacks;

/// <summary>
/// A circuit breaker per destination (scheme, host and port), kept by each dispatcher for itself. After
/// <c>failuresToPause</c> failed attempts in a row the destination is paused: its callbacks are put off, unattempted,
/// until the pause ends. Then one attempt probes it; while the probe runs the others keep waiting. An answer of any
/// kind other than a failure (delivered, or refused by the client) resumes the destination.
/// </summary>
/// <remarks>One per host (a singleton), read by the gauges and the console. Without it, callbacks to a client that never answers would take every sender for a whole timeout each, and
/// every other client's callbacks would queue behind them.</remarks>
public sealed class DestinationPauses(int failuresToPause, TimeSpan pauseFor)
{
    // Destinations that keep failing are remembered; past this many, those not paused now are forgotten first.
    private const int MaxRemembered = 10_000;

    private readonly Dictionary<string, Destination> _destinations = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Whether a callback to <paramref name="destination"/> may be attempted now; if not, until when to put it off.</summary>
    public bool TryEnter(string destination, DateTime now, out DateTime putOffUntil)
    {
        putOffUntil = default;
        lock (_lock)
        {
            if (!_destinations.TryGetValue(destination, out var state) || state.PausedUntil is not { } until)
                return true;
            if (now < until)
            {
                putOffUntil = until;
                return false;
            }
            if (state.ProbeUntil is { } probing && now < probing)
            {
                putOffUntil = probing;
                return false;
            }
            // A probe that never reported back (its attempt was cut off) stops counting after a pause's length.
            state.ProbeUntil = now + pauseFor;
            return true;
        }
    }

    /// <summary>Folds an attempt's result in.</summary>
    /// <returns>What changed for the destination: paused now, resumed, or nothing.</returns>
    public DestinationChange Record(string destination, CallbackAttemptKind result, DateTime now)
    {
        lock (_lock)
        {
            _destinations.TryGetValue(destination, out var state);
            if (result != CallbackAttemptKind.Failed)
            {
                if (state is null)
                    return DestinationChange.None;
                _destinations.Remove(destination);
                return state.PausedUntil is null ? DestinationChange.None : DestinationChange.Resumed;
            }
            if (state is null)
            {
                Forget(now);
                state = new Destination();
                _destinations[destination] = state;
            }
            state.Failures++;
            state.ProbeUntil = null;
            if (state.Failures < failuresToPause)
                return DestinationChange.None;
            var wasPaused = state.PausedUntil is not null;
            state.PausedUntil = now + pauseFor;
            return wasPaused ? DestinationChange.None : DestinationChange.Paused;
        }
    }

    /// <summary>The destinations paused at <paramref name="now"/>, and until when, earliest resumption first.</summary>
    public IReadOnlyList<(string Destination, DateTime Until)> Paused(DateTime now)
    {
        lock (_lock)
        {
            return _destinations
                .Where(d => d.Value.PausedUntil is { } until && until > now)
                .Select(d => (d.Key, d.Value.PausedUntil!.Value))
                .OrderBy(d => d.Item2)
                .ToList();
        }
    }

    /// <summary>How many failures in a row the destination has now (0 when it is not remembered).</summary>
    public int FailuresOf(string destination)
    {
        lock (_lock)
            return _destinations.TryGetValue(destination, out var state) ? state.Failures : 0;
    }

    /// <summary>The destination part of a callback address: scheme, host and port.</summary>
    public static string DestinationOf(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : address;

    private void Forget(DateTime now)
    {
        if (_destinations.Count < MaxRemembered)
            return;
        foreach (var (key, state) in _destinations.ToList())
        {
            if (state.PausedUntil is not { } until || until <= now)
                _destinations.Remove(key);
        }
    }

    private sealed class Destination
    {
        public int Failures { get; set; }

        public DateTime? PausedUntil { get; set; }

        public DateTime? ProbeUntil { get; set; }
    }
}

/// <summary>What an attempt's result did to its destination.</summary>
public enum DestinationChange
{
    None,
    Paused,
    Resumed,
}
