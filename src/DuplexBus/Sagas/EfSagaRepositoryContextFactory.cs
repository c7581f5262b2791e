using DuplexBus.Callbacks;
using DuplexBus.Diagnostics;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using MassTransit;
using MassTransit.Saga;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Sagas;

/// <summary>
/// MassTransit's extension point for saga persistence, on EF Core. Each message runs in one transaction: lock-and-load,
/// the state machine, then one batch with the saga's row, what it wrote to the outbox and the callback table, and the
/// inbox mark; commit. Three round trips: the mark goes with the saga's own changes instead of ahead of them. A
/// redelivered message runs the state machine in memory, finds its mark taken at the save (or, if it cannot even be
/// applied any more, at the failure) and is acknowledged with everything rolled back; a failed attempt rolls back
/// mark and state together.
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

    // The lock-and-load statement depends on the model only (its table, schema and key).
    private static readonly ConditionalWeakTable<IModel, string> LoadStatements = new();

    private string LoadForUpdate => LoadStatements.GetValue(db.Model, _ => SagaSql.LoadForUpdate(db, dialect, typeof(TSaga)));

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        var messageId = MessageIdOf(context);
        using var scope = logger.BeginInstanceScope(context.CorrelationId, messageId);
        await using var transaction = await dialect.BeginTransactionAsync(db, context.CancellationToken).ConfigureAwait(false);
        var repository = new EfSagaRepositoryContext<TSaga, T>(db, context, factory, LoadForUpdate);
        await ApplyOnceAsync(transaction, messageId, () => next.Send(repository), context.CancellationToken).ConfigureAwait(false);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        var messageId = MessageIdOf(context);
        using var scope = logger.BeginInstanceScope(context.CorrelationId, messageId);
        await using var transaction = await dialect.BeginTransactionAsync(db, context.CancellationToken).ConfigureAwait(false);
        await ApplyOnceAsync(transaction, messageId, async () =>
        {
            var loadForUpdate = LoadForUpdate;
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
        }, context.CancellationToken).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "duplexbus-efcore-" + dialect.Name);

    /// <summary>
    /// Runs the state machine, saves its changes with the inbox mark and commits; then wakes the relay and the
    /// dispatcher if the saga wrote outbox rows or callbacks. A message whose mark another attempt already committed
    /// is dropped, whether the save refused the mark or the state machine refused the message.
    /// </summary>
    private async Task ApplyOnceAsync(IDbContextTransaction transaction, Guid messageId, Func<Task> apply, CancellationToken cancellationToken)
    {
        try
        {
            await apply().ConfigureAwait(false);
            db.Set<InboxState>().Add(new InboxState { Consumer = ConsumerName, MessageId = messageId, ReceivedAt = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (!await AppliedBeforeAsync(transaction, messageId, cancellationToken).ConfigureAwait(false))
                throw;
            logger.Duplicate(ConsumerName, messageId);
            metrics.SagaDuplicates.Add(1);
            return;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.Applied(ConsumerName, messageId);
        if (db.ChangeTracker.Entries<OutboxMessage>().Any())
            outboxSignal.Notify();
        if (db.ChangeTracker.Entries<CallbackMessage>().Any())
            callbackSignal.Notify();
    }

    /// <summary>Rolls the attempt back and asks whether the message's mark is already committed; false when that cannot be told.</summary>
    private async Task<bool> AppliedBeforeAsync(IDbContextTransaction transaction, Guid messageId, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return await db.Set<InboxState>().AnyAsync(i => i.Consumer == ConsumerName && i.MessageId == messageId, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The database is away: the original failure stands, and the retry will tell.
            return false;
        }
    }

    private static Guid MessageIdOf<T>(ConsumeContext<T> context)
        where T : class =>
        context.MessageId
            ?? throw new InvalidOperationException($"Message {typeof(T).Name} has no MessageId; the saga inbox needs one to drop duplicates.");
}
