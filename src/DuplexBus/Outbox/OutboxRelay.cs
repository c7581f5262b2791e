using DuplexBus.Diagnostics;
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
/// consumer's inbox drops. One relay publishes at a time per database (a transaction-scoped advisory lock).
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    MessageTypeMap types,
    IDatabaseDialect dialect,
    DuplexBusMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var outcome = await RelayBatchAsync(stoppingToken).ConfigureAwait(false);
                if (outcome == BatchOutcome.Full)
                    continue;
                await signal.WaitAsync(outcome == BatchOutcome.Failed ? _options.RetryDelay : _options.PollInterval, stoppingToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.PassFailed(e);
                await Task.Delay(_options.RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Publishes one batch; exposed for tests and tools that want to drain the outbox synchronously.</summary>
    public async Task<BatchOutcome> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DuplexBusDbContext>();
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        if (!await dialect.TryTakeRelayTurnAsync(db, cancellationToken).ConfigureAwait(false))
            return BatchOutcome.NotOurTurn;

        var rows = await db.OutboxMessages
            .FromSqlRaw(dialect.ClaimOutbox(_options.BatchSize))
            .AsTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var published = 0;
        var failed = false;
        foreach (var row in rows)
        {
            var type = types.TypeOf(row.MessageType);
            if (type is null)
            {
                logger.UnknownType(row.MessageId, row.MessageType);
                row.Attempts++;
                row.LastError = "message type is not registered";
                continue;
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.PublishTimeout);
                var message = OutboxSerializer.Deserialize(row.Body, type);
                var messageId = row.MessageId;
                await bus.Publish(message, type, Pipe.Execute<PublishContext>(c => c.MessageId = messageId), timeout.Token)
                    .ConfigureAwait(false);
                row.SentAt = time.GetUtcNow().UtcDateTime;
                published++;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Stop at the first failure: publishing later rows now would overtake this one.
                logger.PublishFailed(row.MessageId, row.Seq, e);
                metrics.RelayFailures.Add(1);
                row.Attempts++;
                row.LastError = Truncate(e.Message);
                failed = true;
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (published > 0)
        {
            metrics.RelayPublished.Add(published);
            logger.Relayed(published);
        }

        return failed ? BatchOutcome.Failed
            : rows.Count == _options.BatchSize ? BatchOutcome.Full
            : BatchOutcome.Drained;
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
}

public enum BatchOutcome
{
    Drained,
    Full,
    Failed,
    NotOurTurn,
}
