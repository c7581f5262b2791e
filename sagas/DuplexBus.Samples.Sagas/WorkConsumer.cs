using DuplexBus.Edge.Ingress;
using DuplexBus.Inbox;
using DuplexBus.Samples.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DuplexBus.Samples.Sagas;

/// <summary>
/// The back end: an ordinary consumer that does the simulated work, then publishes WorkDone through the outbox in
/// one transaction with its inbox mark. A redelivery after a crash redoes the (idempotent) work and publishes
/// nothing new: the inbox mark is already there, or the WorkDone id is the same.
/// </summary>
public sealed class WorkConsumer(ConsumerInbox inbox, IOptions<WorkOptions> options) : IConsumer<DoWork>
{
    public const string InboxName = "consumer:" + nameof(WorkConsumer);

    public async Task Consume(ConsumeContext<DoWork> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = context.Message;
        for (var step = 0; step < work.Steps; step++)
            await Task.Delay(options.Value.UnitLength, context.CancellationToken).ConfigureAwait(false);

        var doneId = DeterministicGuid.Create(context.MessageId!.Value, "work-done");
        await inbox.CommitOnceAsync(context, InboxName, outbox => outbox.Add(new WorkDone(work.InstanceId, work.Run), doneId))
            .ConfigureAwait(false);
    }
}
