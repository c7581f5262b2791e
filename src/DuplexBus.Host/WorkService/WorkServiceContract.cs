using DuplexBus.Edge.Operations;
using DuplexBus.Persistence;
using DuplexBus.Samples.Contracts;
using DuplexBus.Samples.Sagas;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Host.WorkService;

/// <summary>
/// The sample service's wire contract (SAMPLE-CONTRACT.md): what each SOAP operation becomes on the bus, and how
/// GetStatus reads the saga's persisted state. A context's instanceId, when the client sent one, names the instance;
/// StartWork takes the callback address from a CallbackContext or a non-anonymous ReplyTo.
/// </summary>
public static class WorkServiceContract
{
    public const string Namespace = "urn:duplexbus:samples";

    public static readonly SoapService Service = SoapService.Contract(Namespace, "WorkService")
        .OneWay("StartWork", body =>
        {
            var instanceId = body.ReadInstanceId("instanceId");
            return new StartWork(instanceId, body.ReadInt32("steps"), body.CallbackFor(instanceId));
        })
        .OneWay("AddItem", body => new AddItem(body.ReadInstanceId("instanceId"), body.ReadInt32("index"), body.ReadString("value") ?? ""))
        .RequestReply("GetStatus", (body, services, ct) => GetStatusAsync(body.ReadInstanceId("instanceId"), services, ct))
        .Build();

    private static async Task<WorkStatus> GetStatusAsync(Guid instanceId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<DuplexBusDbContext>();
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
