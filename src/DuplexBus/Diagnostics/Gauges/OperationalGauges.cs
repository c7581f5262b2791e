using System.Diagnostics.Metrics;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Backlog;
using DuplexBus.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Diagnostics.Gauges;

/// <summary>
/// The gauges an operator alerts on, on the DuplexBus meter: open sequences, the outbox backlog and its oldest row's
/// age, parked messages, error-queue depths, callbacks due / retrying / dead-lettered and the oldest due one's age,
/// and the callback destinations this host has paused.
/// </summary>
/// <remarks>
/// A collection never waits for the database or the broker: it reports the last reading, and when that is older than
/// <see cref="GaugeOptions.RefreshInterval"/> it starts the next one in the background. So a scrape costs nothing
/// beside the reading, however many scrapers there are, and a host nobody scrapes reads nothing. After a failed reading
/// the database-backed gauges report nothing (an absent series alerts) rather than old numbers. Every host reports the
/// same database-backed figures: aggregate them with max, not sum.
/// </remarks>
public sealed class OperationalGauges : IHostedService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly GaugeOptions _options;
    private readonly DestinationPauses _pauses;
    private readonly IErrorQueueDepths? _errorQueues;
    private readonly TimeProvider _time;
    private readonly ILogger<OperationalGauges> _logger;
    private OperationalSnapshot? _snapshot;
    private DateTimeOffset _lastStart = DateTimeOffset.MinValue;
    private IReadOnlyDictionary<string, long>? _errorQueueDepths;
    private bool _failing;
    private int _reading;

    public OperationalGauges(
        IServiceScopeFactory scopes,
        IOptions<GaugeOptions> options,
        DestinationPauses pauses,
        TimeProvider time,
        IMeterFactory meters,
        ILogger<OperationalGauges> logger,
        IErrorQueueDepths? errorQueues = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        (_scopes, _options, _pauses, _errorQueues, _time, _logger) = (scopes, options.Value, pauses, errorQueues, time, logger);
        var meter = meters.Create(DuplexBusDiagnostics.Name);
        Count(meter, "duplexbus.rm.sequence.open.count", "{sequence}", "Reliable sequences open (not closed, terminated or ended by a last message).", s => s.OpenSequences);
        Count(meter, "duplexbus.outbox.unsent.count", "{message}", "Outbox rows not yet published: the relay's backlog.", s => s.OutboxBacklog);
        Age(meter, "duplexbus.outbox.unsent.oldest_age", "Age of the oldest unsent outbox row.", s => s.OldestUnsentAge);
        Count(meter, "duplexbus.parked.count", "{message}", "Messages parked for an operator (see `parked list`).", s => s.ParkedMessages);
        Count(meter, "duplexbus.callback.due.count", "{callback}", "Pending callbacks whose next attempt is due now.", s => s.CallbacksDue);
        Count(meter, "duplexbus.callback.retrying.count", "{callback}", "Pending callbacks that have failed at least once.", s => s.CallbacksRetrying);
        Count(meter, "duplexbus.callback.dead_lettered.count", "{callback}", "Callbacks given up, kept for replay (see `callbacks list`).", s => s.CallbacksDeadLettered);
        Age(meter, "duplexbus.callback.due.oldest_age", "How long the longest-waiting due callback has been due.", s => s.OldestDueCallbackAge);
        meter.CreateObservableGauge("duplexbus.callback.destination.paused.count", () => (long)_pauses.Paused(_time.GetUtcNow().UtcDateTime).Count,
            "{destination}", "Callback destinations this host has paused after failures in a row.");
        meter.CreateObservableGauge("duplexbus.broker.error_queue.depth", ErrorQueueDepths, "{message}",
            "Messages in the error queue of a queue this host consumes.");
    }

    // A hosted service only so that the instruments exist from the start.
    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The last reading, read again first when it is older than <see cref="GaugeOptions.RefreshInterval"/>.</summary>
    public async Task<OperationalSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && !Stale(fresh.ReadAt))
            return fresh;
        _lastStart = _time.GetUtcNow();
        return await ReadNowAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Count(Meter meter, string name, string unit, string description, Func<OperationalSnapshot, long> value) =>
        meter.CreateObservableGauge(name, () => Current() is { } s ? [new Measurement<long>(value(s))] : Array.Empty<Measurement<long>>(), unit, description);

    private void Age(Meter meter, string name, string description, Func<OperationalSnapshot, TimeSpan?> value) =>
        meter.CreateObservableGauge(name, () => Current() is { } s ? [new Measurement<double>(value(s)?.TotalSeconds ?? 0)] : Array.Empty<Measurement<double>>(), "s", description);

    private IEnumerable<Measurement<long>> ErrorQueueDepths()
    {
        Current();
        return _errorQueueDepths is { } depths
            ? depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("messaging.destination.name", d.Key)))
            : [];
    }

    /// <summary>The last reading, as it is; starts the next one in the background when it is stale.</summary>
    private OperationalSnapshot? Current()
    {
        if (Stale(_snapshot?.ReadAt ?? _lastStart) && Interlocked.CompareExchange(ref _reading, 1, 0) == 0)
        {
            _lastStart = _time.GetUtcNow();
            _ = Task.Run(async () =>
            {
                try
                {
                    await ReadNowAsync(CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _reading, 0);
                }
            });
        }
        return _snapshot;
    }

    private bool Stale(DateTimeOffset readAt) => _time.GetUtcNow() - readAt >= _options.RefreshInterval;

    private async Task<OperationalSnapshot?> ReadNowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using (var scope = _scopes.CreateAsyncScope())
            {
                _snapshot = await OperationalSnapshotReader.ReadAsync(
                    DuplexBusDatabase.Get(scope.ServiceProvider), _time.GetUtcNow(), _options.CountLimit, cancellationToken).ConfigureAwait(false);
            }
            if (_errorQueues is not null)
                _errorQueueDepths = await _errorQueues.CountErrorQueuesAsync(cancellationToken).ConfigureAwait(false);
            if (_failing)
                _logger.GaugeReadRecovered();
            _failing = false;
            return _snapshot;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _snapshot = null;
            if (!_failing)
                _logger.GaugeReadFailed(e);
            _failing = true;
            return null;
        }
    }
}
