using DuplexBus.Inbox;
using DuplexBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Outbox.Capture;

/// <summary>
/// Puts every <c>Publish</c> and <c>Send</c> of a saga or consumer through the outbox. A saga's rows are saved with
/// the saga, in its transaction. A consumer's rows are committed after it returns, in one short transaction with an
/// inbox mark for the message, so a redelivered message publishes nothing twice and a failed attempt nothing at all.
/// </summary>
internal sealed class OutboxConsumeFilter<TMessage>(
    OutboxWriter writer,
    ConsumerInbox inbox,
    [FromKeyedServices(DuplexBusDatabase.Key)] DbContext db,
    IServiceProvider services) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var outbox = new PendingOutbox(writer, services, context.MessageId ?? NewId.NextGuid());
        try
        {
            await next.Send(new OutboxConsumeContext<TMessage>(context, outbox)).ConfigureAwait(false);
        }
        catch
        {
            // The attempt failed: what it wrote must not ride along with whatever the scope's DbContext saves next.
            Forget(Unsaved(outbox));
            throw;
        }

        var unsaved = Unsaved(outbox);
        if (unsaved.Count == 0)
            return;
        if (!await inbox.CommitOnceAsync(InboxName(context), context.MessageId, _ => { }, context.CancellationToken).ConfigureAwait(false))
        {
            // Handled before: what this attempt wrote again is dropped.
            Forget(unsaved);
        }
    }

    /// <summary>The rows nobody has saved yet: a saga's were saved with the saga; a consumer's are still waiting.</summary>
    private List<OutboxMessage> Unsaved(PendingOutbox outbox) =>
        outbox.Rows.Where(r => db.Entry(r).State == EntityState.Added).ToList();

    private void Forget(List<OutboxMessage> rows)
    {
        foreach (var row in rows)
            db.Entry(row).State = EntityState.Detached;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("duplexbus-outbox");

    /// <summary>The inbox key of the consumers of this message type on this endpoint.</summary>
    private static string InboxName(ConsumeContext context) =>
        $"consumer:{context.ReceiveContext.InputAddress.AbsolutePath.TrimStart('/')}:{typeof(TMessage).FullName}";
}
