using DuplexBus.Host.Persistence;
using DuplexBus.Samples.Sagas;
using DuplexBus.Samples.ServiceContracts.Work;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Host.WorkService;

/// <summary>Answers <see cref="IWorkService.GetStatus"/> from the saga's persisted state; an unknown instance is "None".</summary>
public sealed class WorkStatusQueries(WorkDbContext db)
{
    public async Task<WorkStatus> GetStatus(Guid instanceId, CancellationToken cancellationToken)
    {
        var state = await db.Set<WorkState>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.CorrelationId == instanceId, cancellationToken)
            .ConfigureAwait(false);
        if (state is null)
            return new WorkStatus { InstanceId = instanceId, State = "None" };
        return new WorkStatus
        {
            InstanceId = instanceId,
            State = state.CurrentState,
            ItemCount = state.ItemCount,
            LastIndex = state.LastIndex,
            InOrder = state.InOrder,
            CallbackDelivered = state.CallbackDelivered,
        };
    }
}
