using DuplexBus.Samples.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DuplexBus.Samples.Sagas;

/// <summary>
/// The back end: an ordinary consumer that does the simulated work, then publishes WorkDone. DuplexBus writes it to
/// the outbox after the consumer returns, in one transaction with the message's inbox mark: a redelivery after a
/// crash redoes the (idempotent) work and publishes nothing new.
/// </summary>
public sealed class WorkConsumer(IOptions<WorkOptions> options) : IConsumer<DoWork>
{
    public async Task Consume(ConsumeContext<DoWork> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = context.Message;
        for (var step = 0; step < work.Steps; step++)
            await Task.Delay(options.Value.UnitLength, context.CancellationToken).ConfigureAwait(false);

        await context.Publish(new WorkDone(work.InstanceId, work.Run), context.CancellationToken).ConfigureAwait(false);
    }
}
