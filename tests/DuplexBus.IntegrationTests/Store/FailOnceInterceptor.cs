using System.Collections.Concurrent;
using DuplexBus.Samples.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DuplexBus.IntegrationTests.Store;

/// <summary>Makes the first save of a chosen saga instance fail as a lost optimistic race would.</summary>
public sealed class FailOnceInterceptor : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<Guid, bool> _armed = new();

    public int Failures { get; private set; }

    public void FailNextSaveOf(Guid instanceId) => _armed[instanceId] = true;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var entry in eventData.Context!.ChangeTracker.Entries<WorkState>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && _armed.TryRemove(entry.Entity.CorrelationId, out _))
            {
                Failures++;
                throw new DbUpdateConcurrencyException("Injected conflict: another writer won the race.");
            }
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
