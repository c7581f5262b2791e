using System.Diagnostics.Metrics;
using DuplexBus.Diagnostics;

namespace DuplexBus.OperatorConsole;

/// <summary>
/// Running totals of the DuplexBus counters the console charts (the page turns two readings into a rate), kept by a
/// listener of the host's own instruments.
/// </summary>
internal sealed class ConsoleCounters : IDisposable
{
    private readonly Counter<long>[] _charted;
    private readonly MeterListener _listener = new();
    private readonly long[] _totals;

    public ConsoleCounters(DuplexBusMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _charted = [metrics.EdgeAccepted, metrics.RelayPublished, metrics.CallbacksDelivered, metrics.EdgeFaults, metrics.CallbacksDeadLettered];
        _totals = new long[_charted.Length];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Array.IndexOf(_charted, instrument) is var at && at >= 0)
                listener.EnableMeasurementEvents(instrument, at);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, state) => Interlocked.Add(ref _totals[(int)state!], value));
        _listener.Start();
    }

    /// <summary>Each charted counter's total since the console first listened, by instrument name.</summary>
    public IReadOnlyDictionary<string, long> Totals() =>
        _charted.Select((counter, i) => (counter.Name, Interlocked.Read(ref _totals[i]))).ToDictionary(t => t.Name, t => t.Item2);

    public void Dispose() => _listener.Dispose();
}
