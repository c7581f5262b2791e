using System.Diagnostics.Metrics;
using DuplexBus.Diagnostics;

namespace DuplexBus.OperatorConsole;

/// <summary>
/// Running totals of the DuplexBus counters the console charts (the page turns two readings into a rate), kept by a
/// listener of the host's own meter.
/// </summary>
internal sealed class ConsoleCounters : IDisposable
{
    private static readonly string[] Charted =
        ["duplexbus.edge.messages_accepted", "duplexbus.outbox.published", "duplexbus.callbacks.delivered", "duplexbus.edge.faults", "duplexbus.callbacks.dead_lettered"];

    private readonly MeterListener _listener = new();
    private readonly long[] _totals = new long[Charted.Length];

    public ConsoleCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DuplexBusDiagnostics.Name && Array.IndexOf(Charted, instrument.Name) is var at && at >= 0)
                listener.EnableMeasurementEvents(instrument, at);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, state) => Interlocked.Add(ref _totals[(int)state!], value));
        _listener.Start();
    }

    /// <summary>Each charted counter's total since the host started, by instrument name.</summary>
    public IReadOnlyDictionary<string, long> Totals() =>
        Charted.Select((name, i) => (name, Interlocked.Read(ref _totals[i]))).ToDictionary(t => t.name, t => t.Item2);

    public void Dispose() => _listener.Dispose();
}
