using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Sagas;

/// <summary>
/// MassTransit's extension point for saga persistence, on EF Core. Each message runs in one transaction:
/// inbox mark, lock-and-load, the state machine, save, commit. A redelivered message finds its inbox mark
/// and is acknowledged without touching the saga; a failed attempt rolls back mark and state together.
/// </summary>
public sealed class EfSagaRepositoryContextFactory<TSaga>(
    [FromKeyedServices(DuplexBusDatabase.Key)] DbContext db,
    IDatabaseDialect dialect,
    ISagaConsumeContextFactory<DbContext, TSaga> factory,
    DuplexBusMetrics metrics,
    OutboxSignal outboxSignal,
    CallbackSignal callbackSignal,
    TimeProvider time,
    ILogger<EfSagaRepositoryContextFactory<TSaga>> logger)
    : ISagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
{
    /// <summary>The inbox key of this saga: stable across releases, unique per saga type.</summary>
    public static readonly string ConsumerName = "saga:" + typeof(TSaga).FullName;

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        await using var transaction = await BeginAsync<T>(context).ConfigureAwait(false);
        if (transaction is null)
            return;

        var repository = new EfSagaRepositoryContext<TSaga, T>(db, context, factory, SagaSql.LoadForUpdate(db, dialect, typeof(TSaga)));
        await next.Send(repository).ConfigureAwait(false);
        await CommitAsync(transaction, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var transaction = await BeginAsync<T>(context).ConfigureAwait(false);
        if (transaction is null)
            return;

        var loadForUpdate = SagaSql.LoadForUpdate(db, dialect, typeof(TSaga));
        var ids = await db.Set<TSaga>().Where(query.FilterExpression).Select(s => s.CorrelationId)
            .ToListAsync(context.CancellationToken).ConfigureAwait(false);
        var instances = new List<TSaga>(ids.Count);
        foreach (var id in ids)
        {
            var instance = await db.Set<TSaga>().FromSqlRaw(loadForUpdate, id).AsTracking()
                .SingleOrDefaultAsync(context.CancellationToken).ConfigureAwait(false);
            if (instance is not null)
                instances.Add(instance);
        }

        var repository = new EfSagaRepositoryContext<TSaga, T>(db, context, factory, loadForUpdate);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repository, instances)).ConfigureAwait(false);
        await CommitAsync(transaction, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves and commits, then wakes the relay and the dispatcher if the saga wrote outbox rows or callbacks.</summary>
    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (db.ChangeTracker.Entries<OutboxMessage>().Any())
            outboxSignal.Notify();
        if (db.ChangeTracker.Entries<CallbackMessage>().Any())
            callbackSignal.Notify();
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "duplexbus-efcore-" + dialect.Name);

    /// <summary>Opens the transaction and marks the inbox; null when the message was already applied.</summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginAsync<T>(ConsumeContext<T> context)
        where T : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"Message {typeof(T).Name} has no MessageId; the saga inbox needs one to drop duplicates.");
        var transaction = await dialect.BeginTransactionAsync(db, context.CancellationToken).ConfigureAwait(false);
        var first = await InboxStore.TryMarkAsync(db, ConsumerName, messageId, time.GetUtcNow().UtcDateTime, context.CancellationToken)
            .ConfigureAwait(false);
        if (first)
            return transaction;

        logger.Duplicate(ConsumerName, messageId);
        metrics.SagaDuplicates.Add(1);
        await transaction.CommitAsync(context.CancellationToken).ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        return null;
    }
}
