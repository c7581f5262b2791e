using DuplexBus.Diagnostics;
using DuplexBus.Parking;
using DuplexBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Outbox;

/// <summary>
/// Publishes committed outbox rows to the bus in commit order and marks them sent. Publishing waits for the
/// broker's confirm; a crash between the confirm and the commit republishes with the same MessageId, which the
/// consumer's inbox drops. One relay publishes at a time per database (a transaction-scoped advisory lock). Within a
/// batch, rows of one instance or one sequence go out one after another; rows of different ones are in flight
/// together (<see cref="RelayLanes"/>), since waiting for each confirm in turn is what bounds a relay's rate.
/// </summary>
/// <remarks>
/// Two kinds of failure, two rules. The broker being away is retried for as long as it lasts, with growing
/// pauses, and nothing behind the failed row in its lane moves. A row that cannot be read (its type is not registered here,
/// its body does not deserialize) is tried <see cref="OutboxOptions.MaxRowAttempts"/> times, still holding up what
/// follows it, then parked where an operator sees it; only then do later rows move past it.
/// The claim takes the oldest unsent rows, so a lane whose first row keeps failing with a whole batch of its own rows
/// behind it fills every claim, and the lanes after it wait until it moves.
/// </remarks>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    IBus bus,
    BusReadiness readiness,
    OutboxSignal signal,
    MessageTypeMap types,
    CorrelationIdReader correlations,
    IDatabaseDialect dialect,
    IOutboxStatements statements,
    DuplexBusMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var failures = 0;
        var polling = new IdlePolling(_options.PollInterval, _options.IdlePollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var outcome = await RelayBatchAsync(stoppingToken).ConfigureAwait(false);
                failures = outcome == BatchOutcome.Failed ? failures + 1 : 0;
                if (outcome == BatchOutcome.Full)
                    continue;
                // Another host's turn is no sign of an idle database: look again soon, its rows may be ours to send.
                var wait = outcome switch
                {
                    BatchOutcome.Failed => Backoff(failures),
                    BatchOutcome.Empty => polling.Empty(),
                    _ => polling.Busy(),
                };
                await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away (or the turn was taken from us): wait, with the same growing pauses.
                logger.PassFailed(e);
                failures++;
                await Task.Delay(Backoff(failures), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Publishes one batch; exposed for tests and tools that want to drain the outbox synchronously.</summary>
    public async Task<BatchOutcome> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        if (!await statements.TryTakeRelayTurnAsync(db, _options.PublishTimeout + TurnSlack, cancellationToken).ConfigureAwait(false))
            return BatchOutcome.NotOurTurn;

        var rows = await db.Set<OutboxMessage>()
            .FromSqlRaw(statements.Claim(_options.BatchSize))
            .AsTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        // Read every row first: an unreadable row that is not parked yet holds up everything behind it, seen or not.
        var ready = new List<(OutboxMessage Row, object Message, Type Type)>(rows.Count);
        var failed = false;
        foreach (var row in rows)
        {
            var (message, type, unreadable) = Read(row);
            if (unreadable is null)
            {
                ready.Add((row, message!, type!));
                continue;
            }
            row.Attempts++;
            row.LastError = unreadable;
            if (row.Attempts < _options.MaxRowAttempts)
            {
                // Hold everything behind it: a later message of the same instance must not overtake it unseen.
                logger.RowUnreadable(row.MessageId, row.Seq, row.Attempts, unreadable);
                failed = true;
                break;
            }
            Park(db, row, unreadable);
        }

        var (published, publishFailures) = (0, 0);
        foreach (var (row, publication) in await PublishInLanesAsync(ready, cancellationToken).ConfigureAwait(false))
        {
            if (publication.Confirmed)
            {
                row.SentAt = time.GetUtcNow().UtcDateTime;
                published++;
            }
            else if (publication.Error is { } error)
            {
                // With the broker away every lane fails the same way: one full report per pass is enough.
                if (publishFailures++ == 0)
                    logger.PublishFailed(row.MessageId, row.Seq, error);
                metrics.RelayFailures.Add(1);
                row.Attempts++;
                row.LastError = ParkReason.Truncate(error.Message);
                failed = true;
            }
        }
        if (publishFailures > 1)
            logger.MorePublishesFailed(publishFailures - 1);

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (published > 0)
        {
            metrics.RelayPublished.Add(published);
            logger.Relayed(published);
        }

        // A failure pauses the relay only when nothing moved: a row the broker keeps refusing must not slow the
        // instances in other lanes to one batch per pause.
        return rows.Count == 0 ? BatchOutcome.Empty
            : failed && published == 0 ? BatchOutcome.Failed
            : rows.Count == _options.BatchSize ? BatchOutcome.Full
            : BatchOutcome.Drained;
    }

    /// <summary>
    /// Publishes the rows, each after the earlier rows it shares a lane with (<see cref="RelayLanes"/>), up to
    /// <see cref="OutboxOptions.PublishConcurrency"/> at a time. A row whose lane saw a failure before it is held
    /// back unsent: sending it would overtake the row that failed.
    /// </summary>
    private async Task<(OutboxMessage Row, Publication Publication)[]> PublishInLanesAsync(
        List<(OutboxMessage Row, object Message, Type Type)> ready, CancellationToken cancellationToken)
    {
        var keys = new IReadOnlyCollection<string>[ready.Count];
        for (var i = 0; i < ready.Count; i++)
            keys[i] = LaneKeys(ready[i].Row, ready[i].Message, ready[i].Type);
        var predecessors = RelayLanes.Predecessors(keys);

        using var slots = new SemaphoreSlim(_options.PublishConcurrency);
        var publications = new Task<Publication>[ready.Count];
        for (var i = 0; i < ready.Count; i++)
            publications[i] = PublishAfterAsync(predecessors[i].Select(p => publications[p]).ToArray(), ready[i], slots, cancellationToken);
        await Task.WhenAll(publications).ConfigureAwait(false);
        return ready.Select((r, i) => (r.Row, publications[i].Result)).ToArray();
    }

    private async Task<Publication> PublishAfterAsync(
        Task<Publication>[] before, (OutboxMessage Row, object Message, Type Type) item, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        foreach (var earlier in before)
        {
            if (!(await earlier.ConfigureAwait(false)).Confirmed)
                return Publication.HeldBack;
        }
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PublishAsync(item.Row, item.Message, item.Type, cancellationToken).ConfigureAwait(false);
            return Publication.Sent;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new Publication(false, e);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The instance (CorrelationId) and sequence a row keeps its place in; none when its instance is unknown.</summary>
    private string[] LaneKeys(OutboxMessage row, object message, Type type) =>
        correlations.Of(message, type) is not { } instance ? []
        : row.OrderingKey is { } sequence ? [instance.ToString("N"), sequence]
        : [instance.ToString("N")];

    private async Task PublishAsync(OutboxMessage row, object message, Type type, CancellationToken cancellationToken)
    {
        using var span = OutboxTrace.StartPublish(row);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        var (messageId, client) = (row.MessageId, row.ClientIdentity);
        var (address, mandatory) = row.Destination is { } destination ? RelayDestination.Resolve(destination, bus.Address) : (null, false);
        var pipe = Pipe.Execute<SendContext>(c =>
        {
            c.MessageId = messageId;
            if (client is not null)
                c.Headers.Set(OutboxHeaders.ClientIdentity, client);
            if (mandatory && c.TryGetPayload<RabbitMqSendContext>(out var rabbitMq))
                rabbitMq.Mandatory = true;
            // A partitioned saga's consistent-hash exchange picks the partition from the routing key.
            if (c.CorrelationId is { } correlation && c.TryGetPayload<RoutingKeySendContext>(out var keyed) && string.IsNullOrEmpty(keyed.RoutingKey))
                keyed.RoutingKey = correlation.ToString("N");
        });
        if (address is not null)
        {
            var endpoint = await bus.GetSendEndpoint(address).ConfigureAwait(false);
            await endpoint.Send(message, type, pipe, timeout.Token).ConfigureAwait(false);
        }
        else
        {
            await bus.Publish(message, type, pipe, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>What became of one row's publish: confirmed by the broker, failed with an error, or held back (neither).</summary>
    private readonly record struct Publication(bool Confirmed, Exception? Error)
    {
        public static readonly Publication Sent = new(true, null);
        public static readonly Publication HeldBack = new(false, null);
    }

    // Room for the claim and the commit around the longest publish, before the database ends a turn.
    private static readonly TimeSpan TurnSlack = TimeSpan.FromSeconds(5);

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks << Math.Min(failures - 1, 16)));

    /// <summary>The row's message and type, or why this host cannot read it.</summary>
    private (object? Message, Type? Type, string? Problem) Read(OutboxMessage row)
    {
        var type = types.TypeOf(row.MessageType);
        if (type is null)
            return (null, null, $"message type {row.MessageType} is not registered with this host");
        try
        {
            return (OutboxSerializer.Deserialize(row.Body, type), type, null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return (null, type, ParkReason.Truncate($"the body does not deserialize as {type.Name}: {e.Message}"));
        }
    }

    private void Park(DbContext db, OutboxMessage row, string reason)
    {
        db.Set<ParkedMessage>().Add(new ParkedMessage
        {
            Id = NewId.NextGuid(),
            Source = ParkedMessage.OutboxSource,
            MessageId = row.MessageId,
            MessageType = row.MessageType,
            Body = row.Body,
            Destination = row.Destination,
            Reason = $"{(reason.Length > 1900 ? reason[..1900] : reason)} (tried {row.Attempts} times)",
            ParkedAt = time.GetUtcNow().UtcDateTime,
        });
        db.Set<OutboxMessage>().Remove(row);
        metrics.Parked.Add(1, new KeyValuePair<string, object?>("duplexbus.parked.source", ParkedMessage.OutboxSource));
        logger.ParkedFromOutbox(row.MessageId, row.MessageType, row.Attempts, reason);
    }
}

/// <summary>What one relay pass found.</summary>
public enum BatchOutcome
{
    /// <summary>Fewer rows than a batch, all dealt with: the outbox is empty for now.</summary>
    Drained,

    /// <summary>A whole batch: more may be waiting, so the next pass follows at once.</summary>
    Full,

    /// <summary>Nothing was published: the broker is away, or the first row could not be read.</summary>
    Failed,

    /// <summary>Another relay held the turn.</summary>
    NotOurTurn,

    /// <summary>No unsent row at all.</summary>
    Empty,
}
