using DuplexBus.Callbacks;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Persistence;

/// <summary>Deletes sent outbox rows and old inbox marks in small batches, so the database does not grow without bound.</summary>
public sealed partial class RetentionCleanup(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionCleanup> logger) : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            try
            {
                await CleanOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                CleanupFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <returns>The number of outbox rows and inbox marks deleted.</returns>
    public async Task<(int OutboxRows, int InboxMarks)> CleanOnceAsync(CancellationToken cancellationToken)
    {
        await CleanSequencesAsync(cancellationToken).ConfigureAwait(false);
        await CleanCallbacksAsync(cancellationToken).ConfigureAwait(false);
        return await CleanMessagesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CleanCallbacksAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        var deliveredBefore = time.GetUtcNow().UtcDateTime - _options.DeliveredCallbacks;
        var deleted = await DeleteInBatchesAsync(
            () => db.Set<CallbackMessage>().Where(c => c.State == CallbackState.Delivered && c.DeliveredAt < deliveredBefore)
                .OrderBy(c => c.DeliveredAt).Take(_options.BatchSize).ExecuteDeleteAsync(cancellationToken))
            .ConfigureAwait(false);
        if (deleted > 0)
            CallbacksCleaned(logger, deleted);
    }

    /// <summary>
    /// Sequences idle past the inactivity timeout are terminated (as WCF does); terminated ones are deleted, with
    /// their held messages and stored replies, once the retention window has passed.
    /// </summary>
    private async Task CleanSequencesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sequences = scope.ServiceProvider.GetRequiredService<SequenceRetention>();
        int expired = 0, deleted = 0, batch;
        do
        {
            batch = await sequences.ExpireIdleAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
            expired += batch;
        }
        while (batch == _options.BatchSize);
        do
        {
            batch = await sequences.DeleteFinishedAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
            deleted += batch;
        }
        while (batch == _options.BatchSize);
        if (expired + deleted > 0)
            SequencesCleaned(logger, expired, deleted);
    }

    private async Task<(int OutboxRows, int InboxMarks)> CleanMessagesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        var now = time.GetUtcNow().UtcDateTime;
        var sentBefore = now - _options.SentOutboxMessages;
        var receivedBefore = now - _options.InboxMarks;

        var outbox = await DeleteInBatchesAsync(
            () => db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < sentBefore).OrderBy(m => m.Seq).Take(_options.BatchSize).ExecuteDeleteAsync(cancellationToken))
            .ConfigureAwait(false);
        var inbox = await DeleteInBatchesAsync(
            () => db.Set<InboxState>().Where(s => s.ReceivedAt < receivedBefore).OrderBy(s => s.ReceivedAt).Take(_options.BatchSize).ExecuteDeleteAsync(cancellationToken))
            .ConfigureAwait(false);
        if (outbox + inbox > 0)
            Cleaned(logger, outbox, inbox);
        return (outbox, inbox);
    }

    private async Task<int> DeleteInBatchesAsync(Func<Task<int>> deleteBatch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch().ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == _options.BatchSize);
        return total;
    }

    [LoggerMessage(2101, LogLevel.Information, "Retention cleanup deleted {OutboxRows} sent outbox rows and {InboxMarks} inbox marks")]
    private static partial void Cleaned(ILogger logger, int outboxRows, int inboxMarks);

    [LoggerMessage(2103, LogLevel.Information, "Retention cleanup terminated {Expired} idle sequences and deleted {Deleted} finished ones")]
    private static partial void SequencesCleaned(ILogger logger, int expired, int deleted);

    [LoggerMessage(2104, LogLevel.Information, "Retention cleanup deleted {Deleted} delivered callbacks")]
    private static partial void CallbacksCleaned(ILogger logger, int deleted);

    [LoggerMessage(2102, LogLevel.Warning, "Retention cleanup failed; it runs again at the next interval")]
    private static partial void CleanupFailed(ILogger logger, Exception exception);
}
