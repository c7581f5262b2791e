using DuplexBus.Edge.Ingress;
using MassTransit;
using MassTransit.Middleware;

namespace DuplexBus.Outbox.Capture;

/// <summary>
/// What one consumed message publishes and sends, written as outbox rows through the consume scope's DbContext, so
/// they commit in the same transaction as the saga or the consumer's inbox mark, or not at all.
/// </summary>
/// <remarks>
/// Each row's MessageId is derived from the consumed message's id and the row's place in the attempt: an attempt
/// that is retried writes the same ids again, so a row can never be committed twice under two ids.
/// </remarks>
internal sealed class PendingOutbox(OutboxWriter writer, IServiceProvider services, Guid consumedMessageId)
{
    private readonly List<OutboxMessage> _rows = [];
    private readonly IServiceProvider _services = services;

    public IReadOnlyList<OutboxMessage> Rows => _rows;

    /// <summary>For the publish endpoints: the rows are published (to the message type's exchange) by the relay.</summary>
    public OutboxSendContext Publishes => new Target(this, publish: true);

    /// <summary>For the send endpoints: the rows keep the address they were sent to.</summary>
    public OutboxSendContext Sends => new Target(this, publish: false);

    private Task Add<T>(SendContext<T> context, bool publish)
        where T : class
    {
        OutboxMessage row;
        lock (_rows)
        {
            var messageId = DeterministicGuid.Create(consumedMessageId, $"outbox-{_rows.Count + 1}");
            row = writer.Add(context.Message, messageId);
            if (!publish)
                row.Destination = (context.DestinationAddress ?? throw new InvalidOperationException("A sent message has no destination address.")).ToString();
            _rows.Add(row);
        }
        context.MessageId = row.MessageId;
        return Task.CompletedTask;
    }

    private sealed class Target(PendingOutbox outbox, bool publish) : OutboxSendContext
    {
        public Task AddSend<T>(SendContext<T> context)
            where T : class => outbox.Add(context, publish);

        public object? GetService(Type serviceType) => outbox._services.GetService(serviceType);
    }
}
