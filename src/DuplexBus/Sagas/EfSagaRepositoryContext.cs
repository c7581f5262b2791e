using DuplexBus.Persistence;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Sagas;

/// <summary>Loads one saga instance inside the transaction its factory opened, and stages its insert, update or delete.</summary>
internal sealed class EfSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly DbContext db;
    private readonly ConsumeContext<TMessage> consumeContext;
    private readonly ISagaConsumeContextFactory<DbContext, TSaga> factory;
    private readonly string loadForUpdateSql;

    public EfSagaRepositoryContext(
        DbContext db,
        ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<DbContext, TSaga> factory,
        string loadForUpdateSql)
        : base(consumeContext, db)
    {
        this.db = db;
        this.consumeContext = consumeContext;
        this.factory = factory;
        this.loadForUpdateSql = loadForUpdateSql;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        // Pre-insert policies expect null, not an exception, on a duplicate key; a savepoint keeps the
        // PostgreSQL transaction usable after the failed INSERT.
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("saga_insert", CancellationToken).ConfigureAwait(false);
        try
        {
            db.Set<TSaga>().Add(instance);
            await db.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.Entry(instance).State = EntityState.Detached;
            await transaction.RollbackToSavepointAsync("saga_insert", CancellationToken).ConfigureAwait(false);
            return null!;
        }
        return await factory.CreateSagaConsumeContext(db, consumeContext, instance, SagaConsumeContextMode.Insert).ConfigureAwait(false);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await db.Set<TSaga>()
            .FromSqlRaw(loadForUpdateSql, correlationId)
            .AsTracking()
            .SingleOrDefaultAsync(CancellationToken)
            .ConfigureAwait(false);
        if (instance is null)
            return null!;
        return await factory.CreateSagaConsumeContext(db, consumeContext, instance, SagaConsumeContextMode.Load).ConfigureAwait(false);
    }

    // Save, Update and Delete only stage the change: the factory saves it with the inbox mark, in one batch.
    public Task Save(SagaConsumeContext<TSaga> context)
    {
        db.Set<TSaga>().Add(context.Saga);
        return Task.CompletedTask;
    }

    public Task Update(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        db.Set<TSaga>().Remove(context.Saga);
        return Task.CompletedTask;
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        // The transaction rolls back; forget the in-memory changes too, in case the context is reused.
        db.Entry(context.Saga).State = EntityState.Detached;
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> context, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, context, instance, mode);
}
