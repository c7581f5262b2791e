using System.Diagnostics.Metrics;

namespace DuplexBus.Diagnostics;

/// <summary>The instruments of every step; created through <see cref="IMeterFactory"/> so tests can collect them.</summary>
public sealed class DuplexBusMetrics
{
    public DuplexBusMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DuplexBusDiagnostics.Name);
        EdgeAccepted = meter.CreateCounter<long>("duplexbus.edge.messages_accepted", description: "One-way messages committed to the outbox.");
        EdgeDuplicates = meter.CreateCounter<long>("duplexbus.edge.duplicates", description: "Messages recognised as already accepted.");
        EdgeFaults = meter.CreateCounter<long>("duplexbus.edge.faults", description: "Requests answered with a SOAP fault, by fault name.");
        EdgeDuration = meter.CreateHistogram<double>("duplexbus.edge.request.duration", unit: "s", description: "Time from request to answer.");
        EdgeBacklogWait = meter.CreateHistogram<double>("duplexbus.edge.backlog_wait.duration", unit: "s", description: "Time a one-way message was held because the consumed queues were over the backlog limit.");
        RelayPublished = meter.CreateCounter<long>("duplexbus.outbox.published", description: "Outbox rows published to the bus.");
        RelayFailures = meter.CreateCounter<long>("duplexbus.outbox.publish_failures", description: "Failed relay publishes.");
        SagaDuplicates = meter.CreateCounter<long>("duplexbus.inbox.duplicates", description: "Redelivered messages dropped by the inbox.");
        CallbacksDelivered = meter.CreateCounter<long>("duplexbus.callbacks.delivered", description: "Callbacks the client answered with 2xx.");
        CallbacksRetried = meter.CreateCounter<long>("duplexbus.callbacks.retried", description: "Failed callback attempts that will be tried again.");
        CallbacksDeadLettered = meter.CreateCounter<long>("duplexbus.callbacks.dead_lettered", description: "Callbacks given up (refused or out of retries).");
        Parked = meter.CreateCounter<long>("duplexbus.parked", description: "Messages parked because they cannot succeed as they are, by source.");
        CallbackDuration = meter.CreateHistogram<double>("duplexbus.callbacks.attempt.duration", unit: "s", description: "Time of one callback attempt, by outcome.");    }

    /// <summary>
    /// Adds zero to every counter, so that listeners there now export each one before its first event: a rate over a
    /// series that appears with its first event misses that event, and an alert cannot tell "none yet" from "not
    /// exported". Called once the host has started, when the exporters listen.
    /// </summary>
    internal void AddZeros()
    {
        foreach (var counter in new[] { EdgeAccepted, EdgeDuplicates, EdgeFaults, RelayPublished, RelayFailures, SagaDuplicates, CallbacksDelivered, CallbacksRetried, CallbacksDeadLettered, Parked })
            counter.Add(0);
    }

    public Counter<long> EdgeAccepted { get; }

    public Counter<long> EdgeDuplicates { get; }

    public Counter<long> EdgeFaults { get; }

    public Histogram<double> EdgeDuration { get; }

    public Histogram<double> EdgeBacklogWait { get; }

    public Counter<long> RelayPublished { get; }

    public Counter<long> RelayFailures { get; }

    public Counter<long> SagaDuplicates { get; }

    public Counter<long> CallbacksDelivered { get; }

    public Counter<long> CallbacksRetried { get; }

    public Counter<long> CallbacksDeadLettered { get; }

    public Histogram<double> CallbackDuration { get; }

    public Counter<long> Parked { get; }
}
